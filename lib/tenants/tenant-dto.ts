import type { TTenantRole } from '@/lib/auth/permissions';

// What pages and route handlers may see of a tenant (no keys, no internal columns).
export type TTenantDto = {
  id: string;
  slug: string;
  name: string;
  tenancyModel: 'DATABASE' | 'COLLECTION_PREFIX' | 'SHARED_FIELD';
  database: string;
  collectionPrefix: string | null;
  tenantField: string | null;
  tenantValue: string | null;
  region: string;
  costCenter: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'ARCHIVED';
};

export type TTenantForActor = TTenantDto & { role: TTenantRole };

export const TENANT_DTO_SELECT = {
  id: true,
  slug: true,
  name: true,
  tenancyModel: true,
  database: true,
  collectionPrefix: true,
  tenantField: true,
  tenantValue: true,
  region: true,
  costCenter: true,
  status: true,
} as const;
