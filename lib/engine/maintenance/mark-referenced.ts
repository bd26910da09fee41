import { EngineError, isEngineError, throwIfAborted } from '../errors/engine-error';
import { readIndexSegment } from '../format/index-segment';
import { indexKey, manifestKey, packKey } from '../format/layout';
import { readManifest } from '../format/manifest-io';
import type { TManifest } from '../format/manifest';
import type { TRepository } from '../repo/repository';
import { readSafetyRecord, safetyRecordKey } from '../restore/safety-record';

// The mark phase: every object a root needs. A snapshot needs its manifest, the index segments its
// manifest lists and every pack those segments name — nothing of its parent: in format v1 an
// incremental's segments list the whole collection (unchanged documents point into the parent's
// packs, an unchanged collection reuses the parent's segment objects), so those shared objects
// are reached through the incremental itself. A restore safety record (undo) needs its packs.
// Any referenced object that is missing, and any root that cannot be read, aborts GC.

export type TMarkRoots = { snapshotIds: readonly string[]; restoreIds: readonly string[] };
export type TMarked = { referenced: Map<string, number>; manifests: number; segments: number; packs: number };

export async function markReferenced(args: {
  repo: TRepository;
  roots: TMarkRoots;
  /** Size by key of everything the listing saw; anything else is confirmed with head(). */
  listed: ReadonlyMap<string, number>;
  signal?: AbortSignal;
}): Promise<TMarked> {
  const { repo, listed, signal } = args;
  const t = repo.tenant.tenantKey;
  const referenced = new Map<string, number>();
  const out: TMarked = { referenced, manifests: 0, segments: 0, packs: 0 };

  const need = async (key: string, by: string, snapshotId?: string) => {
    if (referenced.has(key)) return false;
    let size = listed.get(key);
    if (size === undefined) size = (await repo.store.head(key))?.size;
    if (size === undefined) {
      throw new EngineError('OBJECT_MISSING', `GC aborted, nothing deleted: ${key} (needed by ${by}) is missing`, {
        objectKey: key,
        ...(snapshotId ? { snapshotId } : {}),
      });
    }
    referenced.set(key, size);
    return true;
  };
  const unreadable = (err: unknown, key: string, by: string): never => {
    if (!isEngineError(err)) throw err;
    throw new EngineError(
      err.code,
      `GC aborted, nothing deleted: cannot read ${key} (${by}): ${err.message}`,
      { ...err.details, objectKey: key },
      { cause: err },
    );
  };

  for (const snapshotId of args.roots.snapshotIds) {
    throwIfAborted(signal);
    const by = `snapshot ${snapshotId}`;
    const mKey = manifestKey(t, snapshotId);
    await need(mKey, by, snapshotId);
    let manifest: TManifest;
    try {
      manifest = await readManifest(repo, snapshotId);
    } catch (err) {
      if (isEngineError(err, 'SNAPSHOT_NOT_FOUND')) {
        throw new EngineError('OBJECT_MISSING', `GC aborted, nothing deleted: ${mKey} (${by}) is missing`, { objectKey: mKey, snapshotId });
      }
      return unreadable(err, mKey, by);
    }
    out.manifests++;
    for (const coll of manifest.collections) {
      for (const ref of coll.segments) {
        throwIfAborted(signal);
        const sKey = indexKey(t, ref.id);
        if (!(await need(sKey, by, snapshotId))) continue;
        out.segments++;
        let entries;
        try {
          entries = await readIndexSegment(repo, coll.name, ref);
        } catch (err) {
          return unreadable(err, sKey, by);
        }
        for (const e of entries) if (await need(packKey(t, e.pack.id), by, snapshotId)) out.packs++;
      }
    }
  }

  for (const restoreId of args.roots.restoreIds) {
    throwIfAborted(signal);
    const by = `restore safety record ${restoreId}`;
    const rKey = safetyRecordKey(t, restoreId);
    let record;
    try {
      record = await readSafetyRecord(repo, restoreId);
    } catch (err) {
      return unreadable(err, rKey, by);
    }
    if (!record) continue; // gone since the listing: nothing of it to keep
    referenced.set(rKey, listed.get(rKey) ?? 0);
    for (const p of record.packs) if (await need(packKey(t, p.id), by)) out.packs++;
  }
  return out;
}
