import { EngineError, throwIfAborted } from '../errors/engine-error';
import { readIndexSegment } from '../format/index-segment';
import type { TManifest } from '../format/manifest';
import { readManifest } from '../format/manifest-io';
import type { TRepository } from '../repo/repository';
import { FrameCache, readBlob } from './read-blob';

export type TStreamedDocument = { idKey: string; blobId: string; raw: Buffer };

/**
 * Every document of a collection in a snapshot, as verified raw BSON. Memory: one index segment
 * plus a few decrypted frames. Within a segment documents come grouped by pack frame, so each
 * frame is fetched once per segment even when an incremental snapshot scatters them.
 */
export async function* streamCollection(args: {
  repo: TRepository;
  snapshot: string | TManifest;
  collection: string;
  signal?: AbortSignal;
}): AsyncGenerator<TStreamedDocument> {
  const { repo } = args;
  const manifest = typeof args.snapshot === 'string' ? await readManifest(repo, args.snapshot) : args.snapshot;
  const coll = manifest.collections.find((c) => c.name === args.collection);
  if (!coll) throw new EngineError('INVALID_ARGUMENT', `snapshot ${manifest.snapshotId} has no collection ${args.collection}`);
  const secret = await repo.keys.tenantSecret(repo.tenant.tenantId, 'blob-id');
  const cache = new FrameCache(4);
  for (const ref of coll.segments) {
    throwIfAborted(args.signal);
    const entries = await readIndexSegment(repo, coll.name, ref);
    entries.sort((a, b) => (a.pack.id < b.pack.id ? -1 : a.pack.id > b.pack.id ? 1 : a.frame - b.frame || a.offset - b.offset));
    for (const e of entries) {
      yield { idKey: e.idKey, blobId: e.blobId, raw: await readBlob(repo, coll.name, e, secret, cache) };
    }
  }
}
