import type { Document } from 'mongodb';
import { idFromKey, idKeyFromRaw } from '../format/document-key';
import type { TScopedCollection } from '../mongo/resolve-tenant-scope';
import type { MongoEndpoint } from '../ports/mongo-endpoint';
import { bigIntToTs, OPLOG_COLL, OPLOG_DB, parseOplogEntry, type TOplogOp } from './oplog';

// Each oplog query costs FerretDB a pass over the whole oplog (filters are evaluated outside
// SQLite), so the window is read in one query whenever the id list allows.
const ID_LIMIT = 50_000;

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
    for await (const raw of endpoint.findRaw(OPLOG_DB, OPLOG_COLL, filter)) {
      const op = parseOplogEntry(raw);
      if (op) ops.push(op);
    }
  };
  const owned = args.scopes.filter((s) => Object.keys(s.predicate).length === 0);
  const shared = args.scopes.filter((s) => Object.keys(s.predicate).length > 0);
  if (owned.length > 0) await run({ ts, ns: { $in: owned.map(nsOf) } });
  if (shared.length === 0) return sortByTs(ops);

  // One pass for SHARED_FIELD: inserts/updates by the tenant field, deletes by the ids scanned.
  const [field, value] = Object.entries(shared[0]!.predicate)[0]!;
  const byTenant = [
    { op: 'i', [`o.${field}`]: value },
    { op: 'u', [`o.$set.${field}`]: value },
  ];
  const deletesOf = (ids: (scope: TScopedCollection) => unknown[]) =>
    shared.map((scope) => ({ op: 'd', ns: nsOf(scope), 'o._id': { $in: ids(scope) } })).filter((d) => d['o._id'].$in.length > 0);
  const scannedIds = shared.reduce((n, s) => n + args.knownIds(s).length, 0);
  if (scannedIds <= ID_LIMIT) {
    await run({ ts, ns: { $in: shared.map(nsOf) }, $or: [...byTenant, ...deletesOf(args.knownIds)] });
  } else {
    await run({ ts, ns: { $in: shared.map(nsOf) }, $or: byTenant });
    for (const scope of shared) {
      const ids = args.knownIds(scope);
      for (let i = 0; i < ids.length; i += ID_LIMIT) await run({ ts, op: 'd', ns: nsOf(scope), 'o._id': { $in: ids.slice(i, i + ID_LIMIT) } });
    }
  }
  // Rare second pass: deletes of documents that were inserted during the window itself.
  const insertedIds = (scope: TScopedCollection) => ops.flatMap((o) => (o.op === 'i' && o.ns === nsOf(scope) ? [idOfRaw(o.doc)] : []));
  const late = deletesOf(insertedIds);
  if (late.length > 0) await run({ ts, ns: { $in: shared.map(nsOf) }, $or: late });
  return sortByTs(dedupe(ops));
}

const sortByTs = (ops: TOplogOp[]) => ops.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));

/** An entry matched by two passes must be applied once. */
function dedupe(ops: TOplogOp[]): TOplogOp[] {
  const seen = new Set<string>();
  return ops.filter((o) => {
    const k = `${o.ts}/${o.ns}/${o.op}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const idOfRaw = (raw: Uint8Array) => idFromKey(idKeyFromRaw(raw));
