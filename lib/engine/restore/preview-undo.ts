// previewUndo: what undoRestore would overwrite, without writing anything. For every document the
// restore wrote (its safety record's insert / update / delete decisions) the live document is
// read by `_id` and compared, by blob id, with what the restore left there: the snapshot bytes
// for inserts and updates, nothing for deletes. A document that differs was changed since the
// restore; undo would replace that change with the pre-restore bytes (or delete it, for an
// inserted one). A document the restore inserted and that is gone now is not listed: undo's
// delete finds nothing to overwrite. The fingerprint covers the live state of every written
// document, so a caller can bind a decision to it and refuse an undo after the data moved on.
import { BSON } from 'mongodb';
import { throwIfAborted } from '../errors/engine-error';
import { blobIdOf, idFromKey, idKeyFromRaw } from '../format/document-key';
import type { TIndexEntry } from '../format/index-segment';
import type { ObjectStore } from '../ports/object-store';
import { FrameCache, readBlob } from '../read/read-blob';
import type { TRepository } from '../repo/repository';
import { canonicalHash } from './canonical-json';
import { diffDocuments } from './diff-documents';
import type { TDryRunChange, TDryRunChangeWithSides } from './dry-run-restore';
import { toRelaxedEjson } from './exact-bson';
import { findLiveByIds } from './find-live-by-ids';
import { isWriteAction } from './restore-counts';
import type { RestoreTarget } from './restore-target';
import { readSafetyRecordOrThrow, type TSafetyRecord } from './safety-record';

export type TPreviewUndoDeps = { repo: TRepository; target: RestoreTarget; safetyStore?: ObjectStore };

export type TPreviewUndoResult = {
  restoreId: string;
  /** hash of (collection, _id, live blob id | absent) over every document the restore wrote */
  fingerprint: string;
  /** per collection: documents the restore wrote, and those changed since (undo overwrites them) */
  collections: { name: string; written: number; changed: number }[];
  changed: number;
};

export type TPreviewUndoOptions = {
  signal?: AbortSignal;
  /** documents compared so far / in all (live progress of a job) */
  onProgress?: (p: { done: number; total: number; collection: string }) => void;
  /** every changed document in order, with both sides: `live` now, `snapshot` what undo would write */
  eachChanges?: (batch: TDryRunChangeWithSides[], info: { seq: number }) => Promise<void>;
  /** `eachChanges` gets at most this many changes (the first ones); default all */
  eachChangeLimit?: number;
};

type TChanged = { ns: TSafetyRecord['namespaces'][number]; item: TSafetyRecord['namespaces'][number]['items'][number]; live: Uint8Array | null };

export async function previewUndo(restoreId: string, deps: TPreviewUndoDeps, options: TPreviewUndoOptions = {}): Promise<TPreviewUndoResult> {
  const repo: TRepository = deps.safetyStore ? { ...deps.repo, store: deps.safetyStore } : deps.repo;
  const record = await readSafetyRecordOrThrow(repo, restoreId);
  const secret = await repo.keys.tenantSecret(repo.tenant.tenantId, 'blob-id');
  const cache = new FrameCache(8);
  const limit = options.eachChangeLimit ?? Number.POSITIVE_INFINITY;
  const writes = record.namespaces.map((ns) => ({ ns, items: ns.items.filter((it) => isWriteAction(it[1])) }));
  const total = writes.reduce((n, w) => n + w.items.length, 0);
  const fingerprintParts: [string, string, string | null][] = [];
  const collections: TPreviewUndoResult['collections'] = [];
  let done = 0;
  let changedTotal = 0;
  let pending: TChanged[] = [];
  let seq = 0;
  const flush = async () => {
    if (pending.length === 0 || !options.eachChanges) return;
    const batch = await Promise.all(pending.map((c) => describe(c, record, repo, secret, cache)));
    await options.eachChanges(batch, { seq });
    seq += batch.length;
    pending = [];
  };

  for (const { ns, items } of writes) {
    throwIfAborted(options.signal);
    const live = new Map<string, Uint8Array>();
    const ids = items.map((it) => it[0]);
    for await (const raw of findLiveByIds(deps.target, ns.target, ids, record.tenantPredicate, { collectionCount: 0, signal: options.signal })) {
      live.set(idKeyFromRaw(raw), raw);
    }
    let changed = 0;
    for (const item of [...items].sort((a, b) => a[0].localeCompare(b[0]))) {
      const [idKey, action, snapshotBlobId] = item;
      const raw = live.get(idKey) ?? null;
      const liveBlobId = raw ? blobIdOf(secret, ns.name, idKey, raw) : null;
      fingerprintParts.push([ns.name, idKey, liveBlobId]);
      const wrote = action === 'delete' ? null : snapshotBlobId;
      if (liveBlobId === wrote || (action === 'insert' && raw === null)) continue;
      changed++;
      if (changedTotal++ < limit) {
        pending.push({ ns, item, live: raw });
        if (pending.length >= 100) await flush();
      }
    }
    done += items.length;
    collections.push({ name: ns.name, written: items.length, changed });
    options.onProgress?.({ done, total, collection: ns.name });
  }
  await flush();
  return { restoreId, fingerprint: canonicalHash('vaultline/undo-preview/v1', fingerprintParts), collections, changed: changedTotal };
}

/** One changed document as a change of the undo: live now → what undo would write back. */
async function describe(c: TChanged, record: TSafetyRecord, repo: TRepository, secret: Buffer, cache: FrameCache): Promise<TDryRunChangeWithSides> {
  const [idKey, action, , preBlobId, , pre] = c.item;
  const id = BSON.EJSON.serialize({ _id: idFromKey(idKey) }, { relaxed: true })._id;
  const live = c.live ? toRelaxedEjson(c.live) : null;
  let before: Record<string, unknown> | null = null;
  const pack = pre ? record.packs[pre[0]] : undefined;
  if (action !== 'insert' && pre && pack && preBlobId) {
    const entry: TIndexEntry = { idKey, blobId: preBlobId, pack, frame: pre[1], offset: pre[2], length: pre[3] };
    before = toRelaxedEjson(await readBlob(repo, c.ns.name, entry, secret, cache));
  }
  // What undo does to it: delete (the restore inserted it), put it back (deleted since), replace it.
  const undoAction: TDryRunChange['action'] = before === null ? 'delete' : live === null ? 'insert' : 'update';
  const change: TDryRunChangeWithSides = { namespace: c.ns.name, idKey, id, action: undoAction, live, snapshot: before };
  if (undoAction === 'update') change.diff = diffDocuments(live, before);
  else if (undoAction === 'insert' && before) change.document = before;
  else if (undoAction === 'delete' && live) change.document = live;
  return change;
}
