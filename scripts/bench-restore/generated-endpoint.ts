// A MongoEndpoint serving one large collection whose documents are generated on the fly (raw
// BSON, in _id order), so a 1,000,000-document snapshot can be captured without holding the
// documents in memory. Everything else (listCollections, indexes, server time) is the in-memory
// test endpoint's.
import { BSON, ObjectId, type Document } from 'mongodb';
import type { MongoEndpoint } from '../../lib/engine';
import { createMemoryMongoEndpoint } from '../../lib/engine/testing/memory-mongo-endpoint';

const STATUSES = ['open', 'paid', 'shipped', 'cancelled'];
const CITIES = ['Lisbon', 'Oslo', 'Leeds', 'Lyon', 'Porto', 'Graz', 'Turin', 'Ghent'];

/** Document `i`: ~230 bytes of BSON, deterministic, ObjectId ascending with i. */
export function generatedDoc(i: number): Document {
  return {
    _id: new ObjectId(`6600${i.toString(16).padStart(20, '0')}`),
    number: `EV-${1_000_000 + i}`,
    status: STATUSES[i % 4],
    customer: { id: `cus_${(i * 7919) % 100_000}`, city: CITIES[i % 8], tier: i % 3 },
    total: Math.round(((i * 37) % 100_000) * 1.07) / 100,
    items: (i % 5) + 1,
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
  };
}

export function createGeneratedEndpoint(database: string, collection: string, count: number): MongoEndpoint {
  const mem = createMemoryMongoEndpoint();
  mem.createCollection(database, collection);
  return {
    ...mem.endpoint,
    label: `generated:${database}.${collection}×${count}`,
    async *findRaw(db, coll, filter, options) {
      if (db !== database || coll !== collection) {
        yield* mem.endpoint.findRaw(db, coll, filter, options);
        return;
      }
      if (Object.keys(filter).length > 0) throw new Error(`generated endpoint: unsupported filter ${JSON.stringify(filter)}`);
      const limit = options?.limit ?? count;
      for (let i = 0; i < Math.min(count, limit); i++) yield BSON.serialize(generatedDoc(i));
    },
  };
}
