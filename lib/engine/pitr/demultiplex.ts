import { fieldKeyFromRaw, idKeyFromRaw, idKeyOf, valueKeyOf } from '../format/document-key';
import type { TOplogOp } from '../capture/oplog';
import { isReservedCollection } from '../mongo/reserved-collections';
import type { TTenant } from '../mongo/tenancy';
import type { IdTenantResolver } from '../ports/id-tenant-resolver';
import type { TPitrEntry } from './pitr-entry';

export type TResolverChange = { ns: string; idKey: string; tenantId: string | null };

export type TDemuxResult = {
  /** Per tenant, in the order of the input (ts order when the input is). */
  byTenant: Map<string, TPitrEntry[]>;
  /** Shared-collection entries whose tenant is unknown (a delete or diff update of an id never seen). */
  unresolved: TOplogOp[];
  /** What the batch taught about `_id → tenant` (inserts/whole updates) or retired (deletes): apply to the resolver. */
  resolverChanges: TResolverChange[];
};

type TRoute = { tenant: TTenant; collection: string; shared: null | { field: string; valueKey: string } };

const splitNs = (ns: string) => {
  const dot = ns.indexOf('.');
  return dot < 0 ? null : { db: ns.slice(0, dot), coll: ns.slice(dot + 1) };
};

/** Which tenants a namespace can belong to, and under which logical collection name. */
function routesOf(tenants: readonly TTenant[], ns: string): TRoute[] {
  const parts = splitNs(ns);
  if (!parts || parts.coll.startsWith('system.')) return [];
  const routes: TRoute[] = [];
  for (const tenant of tenants) {
    const t = tenant.tenancy;
    if (t.database !== parts.db) continue;
    if (t.model === 'DATABASE') routes.push({ tenant, collection: parts.coll, shared: null });
    else if (t.model === 'COLLECTION_PREFIX') {
      if (parts.coll.startsWith(t.collectionPrefix) && parts.coll !== t.collectionPrefix) {
        routes.push({ tenant, collection: parts.coll.slice(t.collectionPrefix.length), shared: null });
      }
    } else if (!t.collections || t.collections.includes(parts.coll)) {
      routes.push({ tenant, collection: parts.coll, shared: { field: t.tenantField, valueKey: valueKeyOf(t.tenantValue) } });
    }
  }
  return routes.filter((r) => !isReservedCollection(r.collection));
}

const idKeyOfOp = (op: TOplogOp) => (op.op === 'i' ? idKeyFromRaw(op.doc) : op.op === 'u' && op.doc ? idKeyFromRaw(op.doc) : idKeyOf(op.id));

/**
 * Routes oplog entries to tenants, pure (the resolver is only read; what the batch learns comes
 * back as `resolverChanges`). DATABASE by database, COLLECTION_PREFIX by collection prefix,
 * SHARED_FIELD by the tenant field of the entry's document (compared as BSON bytes, no decoding);
 * entries without a document (deletes, diff updates) by the resolver, consulted after the ids the
 * batch itself inserted. An entry whose document has a tenant field value of no configured tenant
 * belongs to nobody here and is dropped (it is another, unconfigured tenant's).
 */
export function demultiplex(ops: readonly TOplogOp[], tenants: readonly TTenant[], resolver: IdTenantResolver): TDemuxResult {
  const byTenant = new Map<string, TPitrEntry[]>(tenants.map((t) => [t.tenantId, []]));
  const unresolved: TOplogOp[] = [];
  const resolverChanges: TResolverChange[] = [];
  const overlay = new Map<string, string | null>();
  const known = (ns: string, idKey: string) => {
    const k = `${ns}\0${idKey}`;
    return overlay.has(k) ? (overlay.get(k) ?? undefined) : resolver.lookup(ns, idKey);
  };
  const note = (ns: string, idKey: string, tenantId: string | null) => {
    overlay.set(`${ns}\0${idKey}`, tenantId);
    resolverChanges.push({ ns, idKey, tenantId });
  };
  const cache = new Map<string, TRoute[]>();

  for (const op of ops) {
    let routes = cache.get(op.ns);
    if (!routes) cache.set(op.ns, (routes = routesOf(tenants, op.ns)));
    if (routes.length === 0) continue;
    const idKey = idKeyOfOp(op);
    const doc = op.op === 'd' ? null : op.doc;
    const entryOf = (r: TRoute): TPitrEntry => ({ ts: op.ts, op: op.op, collection: r.collection, idKey, doc });
    for (const r of routes.filter((x) => !x.shared)) byTenant.get(r.tenant.tenantId)!.push(entryOf(r));
    const shared = routes.filter((x) => x.shared);
    if (shared.length === 0) continue;
    if (doc) {
      const owner = shared.find((r) => fieldKeyFromRaw(doc, r.shared!.field) === r.shared!.valueKey);
      const before = known(op.ns, idKey);
      // A document moved from one tenant to another (tenant field rewritten): the old owner sees a delete.
      if (before && before !== owner?.tenant.tenantId) {
        const old = shared.find((r) => r.tenant.tenantId === before);
        if (old) byTenant.get(before)!.push({ ts: op.ts, op: 'd', collection: old.collection, idKey, doc: null });
      }
      if (owner) {
        byTenant.get(owner.tenant.tenantId)!.push(entryOf(owner));
        if (before !== owner.tenant.tenantId) note(op.ns, idKey, owner.tenant.tenantId);
      } else if (before !== undefined) note(op.ns, idKey, null);
      continue;
    }
    const owner = known(op.ns, idKey);
    const route = owner ? shared.find((r) => r.tenant.tenantId === owner) : undefined;
    if (!route) {
      unresolved.push(op);
      continue;
    }
    byTenant.get(route.tenant.tenantId)!.push(entryOf(route));
    if (op.op === 'd') note(op.ns, idKey, null);
  }
  return { byTenant, unresolved, resolverChanges };
}
