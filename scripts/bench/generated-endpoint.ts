// A MongoEndpoint whose collections are generated while they are read: each document is built
// from a fixed pool and serialized to raw BSON on the fly, then dropped, so a 1M-document
// snapshot can be measured without FerretDB and without holding the documents in memory.
import { BSON, type Document } from 'mongodb';
import type { MongoEndpoint } from '../../lib/engine';
import { streamedDoc } from './demo-source';

export function createGeneratedEndpoint(database: string, collections: Record<string, { count: number; pool: Document[] }>): MongoEndpoint {
  return {
    label: 'generated',
    async listCollections(db) {
      return db === database ? Object.keys(collections).map((name) => ({ name, type: 'collection', options: {} })) : [];
    },
    async listIndexes() {
      return [{ v: 2, key: { _id: 1 }, name: '_id_' }];
    },
    async *findRaw(db, name) {
      const c = db === database ? collections[name] : undefined;
      if (!c) return;
      for (let i = 0; i < c.count; i++) yield BSON.serialize(streamedDoc(c.pool, i));
    },
    async *find() {
      // Capture only reads documents raw; the oplog is absent here (listCollections('local') is empty).
    },
    serverTime: async () => new Date(),
    async close() {},
  };
}
