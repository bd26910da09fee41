import { BSON, type Document } from 'mongodb';
import { EngineError, throwIfAborted } from '../errors/engine-error';
import type { TFilter } from '../filter/filter-ast';
import { matchesFilter } from '../filter/matches-filter';
import { readIndexSegment } from '../format/index-segment';
import type { TManifest } from '../format/manifest';
import type { TRepository } from '../repo/repository';
import { FrameCache, readBlob } from './read-blob';

export type TDocumentPage = {
  items: { idKey: string; doc: Document }[];
  /** id key to pass as `after` for the next page; null when the collection is exhausted */
  nextAfter: string | null;
  /** documents looked at (equals items without a filter) */
  scanned: number;
};

/**
 * One page of a collection inside a snapshot, in `_id` index order, starting after the id key
 * `after`. Segments wholly before the cursor are skipped by their fences, so page N costs what
 * page 1 does. With a filter, at most `maxScan` documents are examined per call; `nextAfter`
 * then continues the scan where it stopped, so a selective filter cannot make one request
 * read the whole collection.
 */
export async function readDocumentPage(args: {
  repo: TRepository;
  manifest: TManifest;
  collection: string;
  after?: string | null;
  limit: number;
  filter?: TFilter | null;
  maxScan?: number;
  signal?: AbortSignal;
}): Promise<TDocumentPage> {
  const { repo, manifest } = args;
  const coll = manifest.collections.find((c) => c.name === args.collection);
  if (!coll) throw new EngineError('INVALID_ARGUMENT', `snapshot ${manifest.snapshotId} has no collection ${args.collection}`);
  const after = args.after ?? '';
  const maxScan = Math.max(args.limit, args.maxScan ?? 5_000);
  const secret = await repo.keys.tenantSecret(repo.tenant.tenantId, 'blob-id');
  const cache = new FrameCache(4);
  const items: TDocumentPage['items'] = [];
  let scanned = 0;
  let lastKey: string | null = null;
  for (const ref of coll.segments) {
    if (ref.last <= after) continue;
    throwIfAborted(args.signal);
    const entries = await readIndexSegment(repo, coll.name, ref);
    for (const e of entries) {
      if (e.idKey <= after) continue;
      const raw = await readBlob(repo, coll.name, e, secret, cache);
      scanned++;
      lastKey = e.idKey;
      if (!args.filter || matchesFilter(args.filter, BSON.deserialize(raw, { promoteValues: false, promoteLongs: false }))) {
        items.push({ idKey: e.idKey, doc: BSON.deserialize(raw) });
      }
      if (items.length >= args.limit || scanned >= maxScan) {
        const isLast = ref === coll.segments[coll.segments.length - 1] && e === entries[entries.length - 1];
        return { items, nextAfter: isLast ? null : lastKey, scanned };
      }
    }
  }
  return { items, nextAfter: null, scanned };
}
