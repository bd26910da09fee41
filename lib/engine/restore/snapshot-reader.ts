// Point reads from a snapshot by id key, for planning with ids, diffs and execution: the fence
// list picks the one segment that can hold a key, segments are cached (callers go in idKey order,
// so a small LRU reads each segment about once) and blobs are re-hashed against the plan's
// blob id, so a plan can never be executed with other bytes than the ones it was approved with.
import { EngineError } from '../errors/engine-error';
import { findSegment, readIndexSegment, type TIndexEntry, type TSegmentRef } from '../format/index-segment';
import type { TManifest, TManifestCollection } from '../format/manifest';
import { FrameCache, readBlob } from '../read/read-blob';
import type { TRepository } from '../repo/repository';

export type TSnapshotReader = {
  collection(name: string): TManifestCollection;
  /** The index entry for an id key, or null when the snapshot does not have that document. */
  entry(collection: string, idKey: string): Promise<TIndexEntry | null>;
  /** The verified bytes of a planned document; INTEGRITY_MISMATCH if the snapshot disagrees. */
  read(collection: string, idKey: string, blobId: string): Promise<Buffer>;
  /** The index entry of a planned document (INTEGRITY_MISMATCH if the snapshot disagrees), to read later. */
  locate(collection: string, idKey: string, blobId: string): Promise<TIndexEntry>;
  readEntry(collection: string, entry: TIndexEntry): Promise<Buffer>;
};

export function createSnapshotReader(repo: TRepository, manifest: TManifest, segmentCacheSize = 4, frameCacheSize = 8): TSnapshotReader {
  const segments = new Map<string, Promise<TIndexEntry[]>>();
  const frames = new FrameCache(frameCacheSize);
  let secret: Promise<Buffer> | undefined;
  const blobSecret = () => (secret ??= repo.keys.tenantSecret(repo.tenant.tenantId, 'blob-id'));

  const collection = (name: string) => {
    const c = manifest.collections.find((x) => x.name === name);
    if (!c) throw new EngineError('INVALID_ARGUMENT', `snapshot ${manifest.snapshotId} has no collection ${name}`, { snapshotId: manifest.snapshotId });
    return c;
  };

  const segment = (name: string, ref: TSegmentRef) => {
    const k = `${name}\0${ref.id}`;
    let s = segments.get(k);
    if (s) segments.delete(k);
    else {
      s = readIndexSegment(repo, name, ref);
      s.catch(() => segments.delete(k));
    }
    segments.set(k, s);
    while (segments.size > segmentCacheSize) segments.delete(segments.keys().next().value!);
    return s;
  };

  const entry = async (name: string, idKey: string): Promise<TIndexEntry | null> => {
    const ref = findSegment(collection(name).segments, idKey);
    if (!ref) return null;
    const entries = await segment(name, ref);
    let lo = 0;
    let hi = entries.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const e = entries[mid]!;
      if (e.idKey === idKey) return e;
      if (e.idKey < idKey) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  };

  const readEntry = async (name: string, e: TIndexEntry) => readBlob(repo, name, e, await blobSecret(), frames);
  const locate = async (name: string, idKey: string, blobId: string) => {
    const e = await entry(name, idKey);
    if (!e || e.blobId !== blobId) {
      throw new EngineError('INTEGRITY_MISMATCH', `snapshot ${manifest.snapshotId} does not hold the planned document ${name}/${idKey}`, {
        snapshotId: manifest.snapshotId,
        blobId,
      });
    }
    return e;
  };

  return {
    collection,
    entry,
    readEntry,
    locate,
    read: async (name, idKey, blobId) => readEntry(name, await locate(name, idKey, blobId)),
  };
}
