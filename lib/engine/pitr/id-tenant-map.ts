import { fieldKeyFromRaw, idKeyFromRaw, valueKeyOf } from '../format/document-key';
import { readIndexSegment } from '../format/index-segment';
import type { TManifest } from '../format/manifest';
import type { TTenant } from '../mongo/tenancy';
import type { IdTenantResolver } from '../ports/id-tenant-resolver';
import type { MongoEndpoint } from '../ports/mongo-endpoint';
import type { TRepository } from '../repo/repository';
import type { TOplogOp } from '../capture/oplog';
import type { TPitrEntry } from './pitr-entry';

/** In-memory `_id → tenant` map (a capture process keeps one per cluster). */
export function createIdTenantMap(): IdTenantResolver & { size(): number } {
  const m = new Map<string, string>();
  return {
    lookup: (ns, idKey) => m.get(`${ns}\0${idKey}`),
    remember: (ns, idKey, tenantId) => void m.set(`${ns}\0${idKey}`, tenantId),
    forget: (ns, idKey) => void m.delete(`${ns}\0${idKey}`),
    size: () => m.size,
  };
}

/**
 * Seeds the map from a SHARED_FIELD tenant's snapshot index: every id the snapshot holds is the
 * tenant's (capture re-checked the tenant field of each document). Reads only the index
 * segments, never a document.
 */
export async function seedFromSnapshot(resolver: IdTenantResolver, repo: TRepository, manifest: TManifest): Promise<number> {
  if (manifest.tenancy.model !== 'SHARED_FIELD') return 0;
  let n = 0;
  for (const c of manifest.collections) {
    const ns = `${manifest.tenancy.database}.${c.name}`;
    for (const ref of c.segments) {
      for (const e of await readIndexSegment(repo, c.name, ref)) {
        resolver.remember(ns, e.idKey, repo.tenant.tenantId);
        n++;
      }
    }
  }
  return n;
}

/**
 * Verified lookup for the entries the map does not know (MongoDB diff updates of documents the
 * snapshot did not hold): reads the live documents by `_id` with a projection of the tenant
 * field only (no document content), and remembers the owner when its value is a configured
 * tenant's. A delete's document is gone, so a delete of an unknown id stays unresolved (on
 * MongoDB ≥ 6.0, pre-images of a change stream would carry the tenant field; README).
 */
export async function resolveUnknownOwners(
  endpoint: MongoEndpoint,
  tenants: readonly TTenant[],
  ops: readonly TOplogOp[],
  resolver: IdTenantResolver,
): Promise<number> {
  const byNs = new Map<string, unknown[]>();
  for (const op of ops) if (op.op === 'u' && !op.doc) byNs.set(op.ns, [...(byNs.get(op.ns) ?? []), op.id]);
  let found = 0;
  for (const [ns, ids] of byNs) {
    const dot = ns.indexOf('.');
    const db = ns.slice(0, dot);
    const coll = ns.slice(dot + 1);
    const shared = tenants.flatMap((t) => (t.tenancy.model === 'SHARED_FIELD' && t.tenancy.database === db ? [{ tenantId: t.tenantId, ...t.tenancy }] : []));
    if (shared.length === 0) continue;
    const field = shared[0]!.tenantField;
    for await (const raw of endpoint.findRaw(db, coll, { _id: { $in: ids } }, { projection: { _id: 1, [field]: 1 } })) {
      const value = fieldKeyFromRaw(raw, field);
      const owner = shared.find((t) => valueKeyOf(t.tenantValue) === value);
      if (owner) {
        resolver.remember(ns, idKeyFromRaw(raw), owner.tenantId);
        found++;
      }
    }
  }
  return found;
}

/**
 * After a restart: replays the `_id → tenant` facts of the tenant's captured entries after its
 * base snapshot (inserts remember, deletes forget), so deletes of documents inserted since the
 * snapshot still route.
 */
export function seedFromSegments(resolver: IdTenantResolver, repo: TRepository, tenancy: TTenant['tenancy'], entries: readonly TPitrEntry[]): void {
  if (tenancy.model !== 'SHARED_FIELD') return;
  for (const e of entries) {
    const ns = `${tenancy.database}.${e.collection}`;
    if (e.op === 'd') resolver.forget(ns, e.idKey);
    else if (e.doc) resolver.remember(ns, e.idKey, repo.tenant.tenantId);
  }
}
