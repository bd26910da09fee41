import { MongoClient, type Document, type MongoClientOptions } from 'mongodb';
import { EngineError } from '../errors/engine-error';
import type { MongoEndpoint, TFindOptions } from '../ports/mongo-endpoint';

export type TDriverEndpointOptions =
  | { uri: string; clientOptions?: MongoClientOptions }
  /** Bring your own client (e.g. one created with monitorCommands); it is not closed by close(). */
  | { client: MongoClient };

/** The MongoEndpoint over the official driver: a thin pass-through plus error mapping. */
export function createMongoEndpoint(options: TDriverEndpointOptions): MongoEndpoint {
  const owned = 'uri' in options;
  const client = owned ? new MongoClient(options.uri, { ...options.clientOptions }) : options.client;

  const wrap = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw new EngineError('MONGO_ERROR', `${what}: ${(err as Error).message}`, { mongoCode: (err as { code?: unknown }).code }, { cause: err });
    }
  };

  async function* iterate<T>(what: string, cursor: AsyncIterable<T> & { close(): Promise<void> }): AsyncGenerator<T> {
    try {
      for await (const doc of cursor) yield doc;
    } catch (err) {
      throw new EngineError('MONGO_ERROR', `${what}: ${(err as Error).message}`, { mongoCode: (err as { code?: unknown }).code }, { cause: err });
    } finally {
      await cursor.close().catch(() => undefined);
    }
  }

  const findOpts = (o: TFindOptions | undefined) => ({
    ...(o?.projection ? { projection: o.projection } : {}),
    ...(o?.sort ? { sort: o.sort } : {}),
    ...(o?.limit ? { limit: o.limit } : {}),
    ...(o?.batchSize ? { batchSize: o.batchSize } : {}),
  });

  return {
    label: owned ? redact(options.uri) : 'mongodb (external client)',
    listCollections: (db) =>
      wrap(`listCollections ${db}`, async () => {
        const infos = await client.db(db).listCollections({}, { nameOnly: false }).toArray();
        return infos.map((i) => ({ name: i.name, type: i.type ?? 'collection', options: (i as Document).options ?? {} }));
      }),
    listIndexes: (db, coll) => wrap(`listIndexes ${db}.${coll}`, () => client.db(db).collection(coll).listIndexes().toArray()),
    findRaw: (db, coll, filter, o) =>
      iterate(
        `find ${db}.${coll}`,
        client
          .db(db)
          .collection(coll)
          .find(filter, { ...findOpts(o), raw: true }) as never,
      ),
    find: (db, coll, filter, o) => iterate(`find ${db}.${coll}`, client.db(db).collection(coll).find(filter, findOpts(o))),
    serverTime: () =>
      wrap('hello', async () => {
        const hello = await client.db('admin').command({ hello: 1 });
        return hello.localTime instanceof Date ? hello.localTime : new Date();
      }),
    async close() {
      if (owned) await client.close();
    },
  };
}

const redact = (uri: string) => uri.replace(/\/\/[^@/]*@/, '//***@');
