import type { TTenantDto } from '@/lib/tenants/tenant-dto';

/** Where a tenant's data lives, in one line (support and admin tables, the tenant dashboard). */
export function describeTenancy(t: Pick<TTenantDto, 'tenancyModel' | 'database' | 'collectionPrefix' | 'tenantField' | 'tenantValue'>): string {
  switch (t.tenancyModel) {
    case 'DATABASE':
      return `Own database ${t.database}`;
    case 'COLLECTION_PREFIX':
      return `Collections prefixed ${t.collectionPrefix ?? ''}* in ${t.database}`;
    case 'SHARED_FIELD':
      return `Shared collections in ${t.database} where ${t.tenantField ?? 'tenantId'} = "${t.tenantValue ?? ''}"`;
  }
}
