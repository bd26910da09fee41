import 'server-only';
import { LINEAGE_COLLECTION, resolveTenantScope, type MongoEndpoint, type TManifest, type TSpecTenancy, type TTenantScope } from '@/lib/engine';
import { db } from '@/lib/db';
import { toEngineTenant } from '@/lib/vault/engine-tenant';

export type TRestoreTenantRow = Parameters<typeof toEngineTenant>[0] & { slug: string; restoreDatabases?: string[] };

/** The catalog's tenancy in the shape restore packages are checked against. */
export function toSpecTenancy(row: TRestoreTenantRow): TSpecTenancy {
  const { tenancy } = toEngineTenant(row);
  return tenancy.model === 'SHARED_FIELD'
    ? { model: 'SHARED_FIELD', database: tenancy.database, tenantField: tenancy.tenantField, tenantValue: String(tenancy.tenantValue) }
    : tenancy;
}

/**
 * The scope a restore package of this tenant is parsed against: the catalog's tenancy (trusted)
 * and the tenant's namespaces — the live ones (resolveTenantScope confines the listing to the
 * tenant's database, prefix or shared collections) plus those of the snapshot being restored,
 * whose manifest is MAC-bound to the tenant (a collection dropped since stays restorable).
 * Vaultline's own lineage collection is never a tenant namespace.
 */
export async function resolveRestoreScope(args: { endpoint: MongoEndpoint; tenant: TRestoreTenantRow; manifest?: TManifest }): Promise<TTenantScope> {
  const tenancy = toSpecTenancy(args.tenant);
  const live = await resolveTenantScope(args.endpoint, toEngineTenant(args.tenant).tenancy);
  const names = new Set([...live.map((c) => c.name), ...(args.manifest?.collections.map((c) => c.name) ?? [])]);
  names.delete(LINEAGE_COLLECTION);
  return {
    slug: args.tenant.slug,
    tenancy,
    namespaces: [...names].sort(),
    databases: await ownedRestoreDatabases(args.tenant),
  };
}

/**
 * The catalog's `restoreDatabases` of this tenant, minus any database another tenant holds data
 * in or also lists (a misconfiguration must not let one tenant write into another's database).
 */
export async function ownedRestoreDatabases(tenant: { id: string; restoreDatabases?: string[] }): Promise<string[]> {
  const wanted = [...new Set(tenant.restoreDatabases ?? [])];
  if (wanted.length === 0) return [];
  const others = await db.tenant.findMany({
    where: { id: { not: tenant.id }, OR: [{ database: { in: wanted } }, { restoreDatabases: { hasSome: wanted } }] },
    select: { database: true, restoreDatabases: true },
  });
  const taken = new Set(others.flatMap((o) => [o.database, ...o.restoreDatabases]));
  return wanted.filter((d) => !taken.has(d)).sort();
}
