// Tenant scopes shaped like the demo tenants (prisma/seed/demo-tenants.ts), one per tenancy
// model, for tests. Kept here because the engine must not import outside lib/engine.
import type { TTenantScope } from '../tenant-scope';

export const ACME: TTenantScope = {
  slug: 'acme',
  tenancy: { model: 'DATABASE', database: 't_acme' },
  namespaces: ['customers', 'products', 'orders', 'invoices'],
  databases: ['t_acme', 't_acme_restore'],
};

export const GLOBEX: TTenantScope = {
  slug: 'globex',
  tenancy: { model: 'COLLECTION_PREFIX', database: 'saas_prefixed', collectionPrefix: 'globex_' },
  namespaces: ['customers', 'orders', 'tickets'],
  databases: ['globex_restore'],
};

export const INITECH: TTenantScope = {
  slug: 'initech',
  tenancy: { model: 'SHARED_FIELD', database: 'saas_shared', tenantField: 'tenantId', tenantValue: 'initech' },
  namespaces: ['customers', 'orders', 'events'],
  databases: [],
};

export function validPackage(tenant: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    tenant,
    source: { snapshotId: 'snap-2024-11-21T02-00' },
    selection: { namespaces: { include: ['orders'] } },
    target: { mode: 'in-place' },
    conflictPolicy: 'skip',
    reason: 'customer deleted four orders by mistake',
    ...overrides,
  };
}
