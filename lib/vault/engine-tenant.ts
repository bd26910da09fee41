import type { TTenant } from '@/lib/engine';

type TTenantRow = {
  id: string;
  tenancyModel: 'DATABASE' | 'COLLECTION_PREFIX' | 'SHARED_FIELD';
  database: string;
  collectionPrefix: string | null;
  tenantField: string | null;
  tenantValue: string | null;
};

/** Catalog row → the engine's tenant description (the catalog id is bound into every key). */
export function toEngineTenant(row: TTenantRow): TTenant {
  switch (row.tenancyModel) {
    case 'DATABASE':
      return { tenantId: row.id, tenancy: { model: 'DATABASE', database: row.database } };
    case 'COLLECTION_PREFIX':
      if (!row.collectionPrefix) throw new Error(`tenant ${row.id} has no collection prefix`);
      return { tenantId: row.id, tenancy: { model: 'COLLECTION_PREFIX', database: row.database, collectionPrefix: row.collectionPrefix } };
    case 'SHARED_FIELD':
      if (!row.tenantField || row.tenantValue === null) throw new Error(`tenant ${row.id} has no tenant field mapping`);
      return { tenantId: row.id, tenancy: { model: 'SHARED_FIELD', database: row.database, tenantField: row.tenantField, tenantValue: row.tenantValue } };
  }
}
