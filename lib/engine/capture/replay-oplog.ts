import { idKeyOf } from '../format/document-key';
import { scopedFilter } from '../mongo/resolve-tenant-scope';
import type { MongoEndpoint } from '../ports/mongo-endpoint';
import type { CollectionCapture } from './collection-capture';
import type { TOplogOp } from './oplog';
import { nsOf } from './read-oplog-window';

export type TReplayStats = { inserts: number; updates: number; deletes: number; refetched: number };

/**
 * Re-applies the scan window's entries in ts order, so each document ends in its state as of the
 * window's end whatever moment the scan happened to read it. Deletes of ids the tenant does not
 * have are no-ops (they belong to other tenants of a shared collection).
 */
export async function replayOplog(endpoint: MongoEndpoint, ops: TOplogOp[], captures: CollectionCapture[]): Promise<TReplayStats> {
  const byNs = new Map(captures.map((c) => [nsOf(c.scope), c]));
  const stats: TReplayStats = { inserts: 0, updates: 0, deletes: 0, refetched: 0 };
  for (const op of ops) {
    const cap = byNs.get(op.ns);
    if (!cap) continue;
    if (op.op === 'i') {
      await cap.offer(op.doc);
      stats.inserts++;
    } else if (op.op === 'd') {
      if (cap.remove(idKeyOf(op.id))) stats.deletes++;
    } else if (op.doc) {
      await cap.offer(op.doc);
      stats.updates++;
    } else {
      // A diff-style update ($v: 2, real MongoDB): read the document as it is now instead.
      let found = false;
      for await (const raw of endpoint.findRaw(cap.scope.database, cap.scope.collection, scopedFilter(cap.scope, { _id: op.id }), { limit: 1 })) {
        await cap.offer(raw);
        found = true;
      }
      if (!found) cap.remove(idKeyOf(op.id));
      stats.refetched++;
    }
  }
  return stats;
}
