import type { Document } from 'mongodb';
import { EngineError } from '../errors/engine-error';
import type { MongoEndpoint, TCollectionInfo } from '../ports/mongo-endpoint';
import { isReservedCollection } from './reserved-collections';
import type { TTenancy } from './tenancy';

/** One collection of a tenant, and the predicate that confines every read of it to the tenant. */
export type TScopedCollection = {
  /** Tenant-logical name: the prefix is stripped for COLLECTION_PREFIX. */
  name: string;
  database: string;
  collection: string;
  /** {} when the whole collection is the tenant's; {tenantField: tenantValue} for SHARED_FIELD. */
  predicate: Document;
  info: TCollectionInfo;
};

const isUserCollection = (c: TCollectionInfo) => c.type === 'collection' && !c.name.startsWith('system.');

/**
 * Lists the tenant's collections. Views and system collections hold no tenant documents, and
 * Vaultline's own bookkeeping (the restore lineage collection) is not tenant data.
 */
export async function resolveTenantScope(endpoint: MongoEndpoint, tenancy: TTenancy): Promise<TScopedCollection[]> {
  const infos = (await endpoint.listCollections(tenancy.database)).filter(isUserCollection);
  const scoped: TScopedCollection[] = [];
  for (const info of infos) {
    if (tenancy.model === 'DATABASE') {
      scoped.push({ name: info.name, database: tenancy.database, collection: info.name, predicate: {}, info });
    } else if (tenancy.model === 'COLLECTION_PREFIX') {
      if (!info.name.startsWith(tenancy.collectionPrefix) || info.name === tenancy.collectionPrefix) continue;
      const name = info.name.slice(tenancy.collectionPrefix.length);
      scoped.push({ name, database: tenancy.database, collection: info.name, predicate: {}, info });
    } else {
      if (tenancy.collections && !tenancy.collections.includes(info.name)) continue;
      scoped.push({
        name: info.name,
        database: tenancy.database,
        collection: info.name,
        predicate: { [tenancy.tenantField]: tenancy.tenantValue },
        info,
      });
    }
  }
  return scoped.filter((s) => !isReservedCollection(s.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Combines the tenant predicate with a query. Every document read of a tenant collection goes
 * through here, so no code path can forget the predicate.
 */
export function scopedFilter(scope: Pick<TScopedCollection, 'predicate'>, filter: Document = {}): Document {
  const keys = Object.keys(scope.predicate);
  if (keys.length === 0) return filter;
  if (Object.keys(filter).length === 0) return { ...scope.predicate };
  for (const k of keys) {
    if (k in filter) throw new EngineError('TENANT_SCOPE_VIOLATION', `query may not constrain the tenant field ${k}`);
  }
  return { $and: [{ ...scope.predicate }, filter] };
}
