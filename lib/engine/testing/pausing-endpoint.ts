import type { MongoEndpoint } from '../ports/mongo-endpoint';

/**
 * Wraps an endpoint so a test can run (and await) changes at an exact point of a scan: after the
 * `afterDocs`-th document of `collection` has been handed to the engine.
 */
export function pauseDuringScan(inner: MongoEndpoint, collection: string, afterDocs: number, action: () => Promise<void>): MongoEndpoint {
  let done = false;
  return {
    ...inner,
    label: `${inner.label} (pausing)`,
    listCollections: (db) => inner.listCollections(db),
    listIndexes: (db, c) => inner.listIndexes(db, c),
    find: (db, c, f, o) => inner.find(db, c, f, o),
    serverTime: () => inner.serverTime(),
    close: () => inner.close(),
    async *findRaw(db, c, filter, options) {
      let n = 0;
      for await (const raw of inner.findRaw(db, c, filter, options)) {
        yield raw;
        if (c === collection && ++n === afterDocs && !done) {
          done = true;
          await action();
        }
      }
    },
  };
}
