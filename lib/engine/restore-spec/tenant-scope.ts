// What the caller (the catalog, already authorized) knows about the tenant a package is for.
// parseRestoreSpec trusts this and nothing in the package itself.
export type TTenancy =
  | { model: 'DATABASE'; database: string }
  | { model: 'COLLECTION_PREFIX'; database: string; collectionPrefix: string }
  | { model: 'SHARED_FIELD'; database: string; tenantField: string; tenantValue: string };

export type TTenantScope = {
  slug: string;
  tenancy: TTenancy;
  /** the tenant's logical collection names (without prefix), e.g. from the snapshot manifest */
  namespaces: readonly string[];
  /** databases the tenant owns, the only allowed `target: {mode: 'database'}` values */
  databases: readonly string[];
};
