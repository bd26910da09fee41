// The demo tenants, shared by the catalog seed and the MongoDB data seed so both agree on
// where each tenant's data lives. Document counts are sized so the demo holds >= 60,000.
export type TDemoTenancy =
  | { model: 'DATABASE'; database: string }
  | { model: 'COLLECTION_PREFIX'; database: string; collectionPrefix: string }
  | { model: 'SHARED_FIELD'; database: string; tenantField: string; tenantValue: string };

export type TDemoTenant = {
  slug: string;
  name: string;
  region: string;
  costCenter: string;
  tenancy: TDemoTenancy;
  /** further databases the tenant owns outright: targets of restores "into another database" */
  restoreDatabases?: string[];
  /** the platform policy template (lib/policies/policy-templates.ts) */
  plan: 'gold' | 'silver' | 'bronze';
  /** logical collection name (without prefix) -> number of documents to seed */
  collections: Record<string, number>;
};

export const SHARED_PREFIX_DATABASE = 'saas_prefixed';
export const SHARED_FIELD_DATABASE = 'saas_shared';

export const DEMO_TENANTS: TDemoTenant[] = [
  {
    slug: 'acme',
    plan: 'gold',
    name: 'Acme Corporation',
    region: 'eu-west-1',
    costCenter: 'CC-1001',
    tenancy: { model: 'DATABASE', database: 't_acme' },
    restoreDatabases: ['t_acme_restore'],
    collections: { customers: 4000, products: 1500, orders: 12000, invoices: 8000 },
  },
  {
    slug: 'globex',
    plan: 'silver',
    name: 'Globex Industries',
    region: 'us-east-1',
    costCenter: 'CC-2002',
    tenancy: { model: 'COLLECTION_PREFIX', database: SHARED_PREFIX_DATABASE, collectionPrefix: 'globex_' },
    collections: { customers: 2500, orders: 8000, tickets: 3000 },
  },
  {
    slug: 'umbrella',
    plan: 'silver',
    name: 'Umbrella Health',
    region: 'us-west-2',
    costCenter: 'CC-2003',
    tenancy: { model: 'COLLECTION_PREFIX', database: SHARED_PREFIX_DATABASE, collectionPrefix: 'umbrella_' },
    collections: { customers: 1500, orders: 4000, tickets: 1500 },
  },
  {
    slug: 'initech',
    plan: 'bronze',
    name: 'Initech',
    region: 'eu-central-1',
    costCenter: 'CC-3001',
    tenancy: { model: 'SHARED_FIELD', database: SHARED_FIELD_DATABASE, tenantField: 'tenantId', tenantValue: 'initech' },
    collections: { customers: 2000, orders: 6000, events: 4000 },
  },
  {
    slug: 'initrode',
    plan: 'bronze',
    name: 'Initrode Logistics',
    region: 'ap-southeast-1',
    costCenter: 'CC-3002',
    tenancy: { model: 'SHARED_FIELD', database: SHARED_FIELD_DATABASE, tenantField: 'tenantId', tenantValue: 'initrode' },
    collections: { customers: 1500, orders: 5000, events: 3000 },
  },
];

export function demoDocumentTotal(): number {
  return DEMO_TENANTS.reduce((n, t) => n + Object.values(t.collections).reduce((a, b) => a + b, 0), 0);
}
