// Before the first write (and before the safety snapshot), every snapshot object the restore
// needs is read and authenticated: the index segments locating each document to write, and every
// pack frame holding one (AES-GCM), each blob re-hashed against its planned id. Documents are
// visited in pack/frame order so each frame is fetched and decrypted once, and nothing is kept:
// memory is the reader's bounded frame cache. A damaged repository then fails the restore with
// nothing written, and the error names the snapshot and the object (pack or segment key).
import { EngineError, isEngineError, throwIfAborted } from '../errors/engine-error';
import type { TIndexEntry } from '../format/index-segment';
import { packKey } from '../format/layout';
import type { TInspection } from './inspect-target';
import type { TRestorePlan } from './restore-plan';
import type { TSnapshotReader } from './snapshot-reader';

export type TVerifySourceOptions = {
  signal?: AbortSignal;
  /** Called with each verified document (e.g. the SHARED_FIELD tenant check); bytes are not kept. */
  onDocument?: (namespace: string, idKey: string, raw: Buffer) => void;
};

type TWanted = { namespace: string; idKey: string; blobId: string };

export type TVerifySourceDeps = { reader: TSnapshotReader; /** the repository's tenant key, to name packs */ tenantKey: string };

export async function verifySource(
  plan: TRestorePlan,
  inspection: TInspection,
  deps: TVerifySourceDeps,
  options: TVerifySourceOptions = {},
): Promise<{ documents: number }> {
  const { reader } = deps;
  const wanted: TWanted[] = [];
  for (const { ns, decisions } of inspection.namespaces) {
    for (const d of decisions) {
      if ((d.action === 'insert' || d.action === 'update') && d.snapshotBlobId !== null)
        wanted.push({ namespace: ns.name, idKey: d.idKey, blobId: d.snapshotBlobId });
    }
  }
  const located: { w: TWanted; entry: TIndexEntry }[] = [];
  for (const w of wanted) {
    throwIfAborted(options.signal);
    const entry = await named(plan, deps.tenantKey, null, () => reader.locate(w.namespace, w.idKey, w.blobId));
    located.push({ w, entry });
  }
  located.sort((a, b) => {
    const pa = a.entry.pack.id;
    const pb = b.entry.pack.id;
    return pa < pb ? -1 : pa > pb ? 1 : a.entry.frame - b.entry.frame || a.entry.offset - b.entry.offset;
  });
  for (const { w, entry } of located) {
    throwIfAborted(options.signal);
    const raw = await named(plan, deps.tenantKey, entry, () => reader.readEntry(w.namespace, entry));
    options.onDocument?.(w.namespace, w.idKey, raw);
  }
  return { documents: located.length };
}

/** Runs a read; an EngineError is re-thrown naming the snapshot and the object that failed. */
async function named<T>(plan: TRestorePlan, tenantKey: string, entry: TIndexEntry | null, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (!isEngineError(err) || err.code === 'ABORTED') throw err;
    const objectKey = err.details.objectKey ?? (entry ? packKey(tenantKey, entry.pack.id) : undefined);
    const what = objectKey ? `object ${objectKey}` : 'an object';
    throw new EngineError(
      err.code,
      `snapshot ${plan.snapshotId} of tenant ${plan.tenantId} failed verification before the restore: ${what}: ${err.message}; nothing was written`,
      { ...err.details, snapshotId: plan.snapshotId, tenantId: plan.tenantId, ...(objectKey ? { objectKey } : {}), phase: 'verifying-source' },
      { cause: err },
    );
  }
}
