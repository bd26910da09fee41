import { BSON, type Document } from 'mongodb';
import type { TCollectionSpec } from '../format/manifest';
import type { TScopedCollection } from '../mongo/resolve-tenant-scope';
import type { MongoEndpoint } from '../ports/mongo-endpoint';

const toEjson = (d: Document) => BSON.EJSON.serialize(d, { relaxed: false }) as Record<string, unknown>;

/**
 * What a restore needs to recreate the collection: listCollections options (validator,
 * collation, capped, ...) and listIndexes output, as canonical Extended JSON so BSON types
 * survive. Index namespaces (`ns`, pre-4.4 servers) are dropped: they name the source.
 */
export async function captureCollectionSpec(endpoint: MongoEndpoint, scope: TScopedCollection): Promise<TCollectionSpec> {
  const indexes = await endpoint.listIndexes(scope.database, scope.collection);
  return {
    type: scope.info.type,
    options: toEjson(scope.info.options),
    indexes: indexes.map(({ ns: _ns, ...rest }) => toEjson(rest)).sort((a, b) => String(a.name).localeCompare(String(b.name))),
  };
}
