import type { Document } from 'mongodb';
import { idFromKey, idKeyFromRaw } from '../format/document-key';
import type { TScopedCollection } from '../mongo/resolve-tenant-scope';
import type { MongoEndpoint } from '../ports/mongo-endpoint';
import { bigIntToTs, OPLOG_COLL, OPLOG_DB, parseOplogEntry, type TOplogOp } from './oplog';

const ID_CHUNK = 1000;

export const nsOf = (s: Pick<TScopedCollection, 'database' | 'collection'>) => `${s.database}.${s.collection}`;

/**
 * The tenant's oplog entries with from < ts ≤ to, oldest first. Every query carries the tenant
 * restriction: by namespace when the tenant owns whole collections; for SHARED_FIELD by the
 * tenant field of inserted / updated documents, and — since a delete entry holds only an _id — by
 * the ids the tenant is known to have (scanned, or inserted in the window).
 */
export async function readTenantOplogWindow(
  endpoint: MongoEndpoint,
  args: { from: bigint; to: bigint; scopes: TScopedCollection[]; knownIds: (scope: TScopedCollection) => unknown[] },
): Promise<TOplogOp[]> {
  const ts = { $gt: bigIntToTs(args.from), $lte: bigIntToTs(args.to) };
  const ops: TOplogOp[] = [];
  const run = async (filter: Document) => {
    for await (const raw of endpoint.findRaw(OPLOG_DB, OPLOG_COLL, filter, { sort: { $natural: 1 } })) {
      const op = parseOplogEntry(raw);
      if (op) ops.push(op);
    }
  };
  const owned = args.scopes.filter((s) => Object.keys(s.predicate).length === 0);
  const shared = args.scopes.filter((s) => Object.keys(s.predicate).length > 0);
  if (owned.length > 0) await run({ ts, ns: { $in: owned.map(nsOf) } });
  if (shared.length > 0) {
    const [field, value] = Object.entries(shared[0]!.predicate)[0]!;
    await run({
      ts,
      ns: { $in: shared.map(nsOf) },
      $or: [
        { op: 'i', [`o.${field}`]: value },
        { op: 'u', [`o.$set.${field}`]: value },
      ],
    });
    for (const scope of shared) {
      const inserted = ops.filter((o) => o.op === 'i' && o.ns === nsOf(scope)).map((o) => (o.op === 'i' ? idOfRaw(o.doc) : null));
      const ids = [...args.knownIds(scope), ...inserted];
      for (let i = 0; i < ids.length; i += ID_CHUNK) {
        await run({ ts, ns: nsOf(scope), op: 'd', 'o._id': { $in: ids.slice(i, i + ID_CHUNK) } });
      }
    }
  }
  return ops.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
}

const idOfRaw = (raw: Uint8Array) => idFromKey(idKeyFromRaw(raw));
