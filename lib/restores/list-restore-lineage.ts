import 'server-only';
import { BSON, type Document } from 'mongodb';
import { LINEAGE_ACTIONS, resolveLineageNamespace, type MongoEndpoint } from '@/lib/engine';
import { AppError } from '@/lib/errors';
import { toEngineTenant } from '@/lib/vault/engine-tenant';
import type { TRestoreTenantRow } from './resolve-restore-scope';

export type TLineageRecord = {
  restoreId: string;
  snapshotId: string;
  /** tenant-logical collection name */
  namespace: string;
  target: string;
  /** the document's _id, relaxed Extended JSON */
  documentId: unknown;
  action: (typeof LINEAGE_ACTIONS)[number];
  restoredAt: string;
  undoneAt: string | null;
};

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));

/**
 * Where documents of a tenant came from: the restore engine's lineage side collection (in the
 * tenant's database, prefix or shared database; for SHARED_FIELD every query carries the tenant
 * predicate, with arrays excluded as the engine's writes do), by restore id and/or document id.
 * The engine keeps one record per execution batch listing its documents; this returns one entry
 * per document. `database` names the target database of a restore into another database.
 */
export async function listRestoreLineage(args: {
  endpoint: MongoEndpoint;
  tenant: TRestoreTenantRow;
  restoreId?: string;
  /** a driver value (ObjectId, string, number), as stored in `_id` */
  documentId?: unknown;
  namespace?: string;
  database?: string;
  /** documents returned at most */
  limit?: number;
}): Promise<TLineageRecord[]> {
  if (args.restoreId === undefined && args.documentId === undefined) throw new AppError('INVALID_INPUT', 'name a restore id or a document id');
  const { tenancy } = toEngineTenant(args.tenant);
  const ns = resolveLineageNamespace(tenancy, args.database ?? tenancy.database);
  const query: Document = {
    ...(args.restoreId === undefined ? {} : { restoreId: { $eq: args.restoreId } }),
    ...(args.documentId === undefined ? {} : { $or: LINEAGE_ACTIONS.map((a) => ({ [a]: { $eq: args.documentId } })) }),
    ...(args.namespace === undefined ? {} : { namespace: { $eq: args.namespace } }),
  };
  const filter =
    tenancy.model === 'SHARED_FIELD' ? { $and: [{ [tenancy.tenantField]: { $eq: tenancy.tenantValue, $not: { $type: 'array' } } }, query] } : query;
  const wanted = args.documentId === undefined ? null : ejson(args.documentId);
  const limit = args.limit ?? 1000;
  const out: TLineageRecord[] = [];
  for await (const d of args.endpoint.find(ns.database, ns.collection, filter, { sort: { _id: 1 } })) {
    const entries = LINEAGE_ACTIONS.flatMap((action) => ((d[action] ?? []) as unknown[]).map((id) => ({ id, action })));
    for (const e of entries) {
      if (wanted !== null && ejson(e.id) !== wanted) continue;
      out.push({
        restoreId: String(d.restoreId),
        snapshotId: String(d.snapshotId),
        namespace: String(d.namespace),
        target: `${String(d.database)}.${String(d.collection)}`,
        documentId: BSON.EJSON.serialize({ v: e.id }, { relaxed: true }).v,
        action: e.action,
        restoredAt: iso(d.restoredAt) ?? '',
        undoneAt: iso(d.undoneAt),
      });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

const ejson = (v: unknown) => BSON.EJSON.stringify({ v }, { relaxed: false });
