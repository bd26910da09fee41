import 'server-only';
import { db } from '@/lib/db';
import type { TTenant } from '@/lib/engine';
import { clusterOfTenant, type TClusterOf } from '@/lib/schedule/data-plane-cluster';
import { loadEffectivePolicies } from '@/lib/schedule/load-effective-policies';
import { toEngineTenant } from '@/lib/vault/engine-tenant';

export type TCaptureTenants = {
  tenants: TTenant[];
  /** per tenant: where its capture began (exclusive), the engine's per-tenant floor */
  tenantSince: Map<string, bigint>;
  joined: string[];
  left: string[];
};

/**
 * The tenants a capture run of `cluster` covers: active tenants whose effective policy has PITR
 * on (lib/policies, template + overrides). A tenant that joins (or re-joins after PITR was off)
 * starts at the cluster's current `through`: entries before it were never read for it, so its
 * coverage must not claim them. A tenant whose PITR went off keeps its row (its segments and
 * history stay) with `isCapturing = false` and is no longer read.
 */
export async function syncCaptureTenants(args: {
  cluster: string;
  through: bigint;
  now: Date;
  /** only these tenants (tests, a deployment that splits a cluster's capture); default all */
  tenantIds?: readonly string[];
  clusterOf?: TClusterOf;
}): Promise<TCaptureTenants> {
  const clusterOf = args.clusterOf ?? clusterOfTenant;
  const policies = await loadEffectivePolicies(db, { now: args.now, tenantIds: args.tenantIds });
  const wanted = policies.filter((p) => p.effective.policy.pitr.enabled && clusterOf(p.tenant) === args.cluster).map((p) => p.tenant.id);
  const [rows, existing] = await Promise.all([
    db.tenant.findMany({
      where: { id: { in: wanted }, status: 'ACTIVE' },
      select: { id: true, tenancyModel: true, database: true, collectionPrefix: true, tenantField: true, tenantValue: true },
      orderBy: { id: 'asc' },
    }),
    db.pitrTenantCapture.findMany({
      where: { cluster: args.cluster, ...(args.tenantIds ? { tenantId: { in: [...args.tenantIds] } } : {}) },
      select: { tenantId: true, isCapturing: true, sinceTs: true },
    }),
  ]);
  const byId = new Map(existing.map((r) => [r.tenantId, r]));
  const wantedIds = new Set(rows.map((r) => r.id));
  const joined = rows.map((r) => r.id).filter((id) => !byId.get(id)?.isCapturing);
  const left = existing.filter((r) => r.isCapturing && !wantedIds.has(r.tenantId)).map((r) => r.tenantId);
  for (const tenantId of joined) {
    const data = { cluster: args.cluster, isCapturing: true, sinceTs: args.through, throughTs: args.through };
    await db.pitrTenantCapture.upsert({ where: { tenantId }, create: { tenantId, ...data }, update: data });
  }
  if (left.length > 0) await db.pitrTenantCapture.updateMany({ where: { tenantId: { in: left }, cluster: args.cluster }, data: { isCapturing: false } });

  const tenantSince = new Map<string, bigint>();
  for (const r of rows) tenantSince.set(r.id, joined.includes(r.id) ? args.through : byId.get(r.id)!.sinceTs);
  return { tenants: rows.map(toEngineTenant), tenantSince, joined, left };
}
