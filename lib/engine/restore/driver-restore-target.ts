// RestoreTarget over the official driver: raw finds, unordered bulkWrite with per-operation
// errors reported (not thrown), createIndexes. Everything else becomes MONGO_ERROR.
import { MongoBulkWriteError, MongoClient, type AnyBulkWriteOperation, type Document, type MongoClientOptions } from 'mongodb';
import { EngineError } from '../errors/engine-error';
import type { TTargetNamespace } from './restore-plan';
import type { RestoreTarget, TWriteOp, TWriteResult } from './restore-target';

export type TDriverRestoreTargetOptions =
  | { uri: string; clientOptions?: MongoClientOptions }
  /** Bring your own client (e.g. with monitorCommands); close() leaves it open. */
  | { client: MongoClient };

const NAMESPACE_NOT_FOUND = 26;

const toEngineError = (what: string, err: unknown) =>
  new EngineError('MONGO_ERROR', `${what}: ${(err as Error).message}`, { mongoCode: (err as { code?: unknown }).code }, { cause: err });

function toBulkOp(op: TWriteOp): AnyBulkWriteOperation<Document> {
  switch (op.op) {
    case 'insert':
      return { insertOne: { document: op.document } };
    case 'replace':
      return { replaceOne: { filter: op.filter, replacement: op.replacement, upsert: true } };
    case 'delete':
      return { deleteOne: { filter: op.filter } };
    case 'set':
      return op.many ? { updateMany: { filter: op.filter, update: { $set: op.set } } } : { updateOne: { filter: op.filter, update: { $set: op.set } } };
  }
}

export function createDriverRestoreTarget(options: TDriverRestoreTargetOptions): RestoreTarget {
  const owned = 'uri' in options;
  const client = owned ? new MongoClient(options.uri, { ...options.clientOptions }) : options.client;
  const coll = (ns: TTargetNamespace) => client.db(ns.database).collection(ns.collection);

  return {
    label: owned ? options.uri.replace(/\/\/[^@/]*@/, '//***@') : 'mongodb (external client)',
    async *find(ns, filter, o) {
      const cursor = coll(ns).find(filter, { raw: true, ...(o?.batchSize ? { batchSize: o.batchSize } : {}) });
      try {
        for await (const raw of cursor as unknown as AsyncIterable<Uint8Array>) yield raw;
      } catch (err) {
        throw toEngineError(`find ${ns.database}.${ns.collection}`, err);
      } finally {
        await cursor.close().catch(() => undefined);
      }
    },
    async listCollections(database) {
      try {
        const infos = await client.db(database).listCollections({}, { nameOnly: false }).toArray();
        return infos.map((i) => ({ name: i.name, type: i.type ?? 'collection', options: (i as Document).options ?? {} }));
      } catch (err) {
        throw toEngineError(`listCollections ${database}`, err);
      }
    },
    async listIndexes(ns) {
      try {
        return await coll(ns).listIndexes().toArray();
      } catch (err) {
        if ((err as { code?: unknown }).code === NAMESPACE_NOT_FOUND) return [];
        throw toEngineError(`listIndexes ${ns.database}.${ns.collection}`, err);
      }
    },
    async write(ns, ops): Promise<TWriteResult> {
      if (ops.length === 0) return { matched: 0, modified: 0, upserted: 0, deleted: 0, errors: [] };
      try {
        const r = await coll(ns).bulkWrite(ops.map(toBulkOp), { ordered: false });
        return { matched: r.matchedCount, modified: r.modifiedCount, upserted: r.upsertedCount + r.insertedCount, deleted: r.deletedCount, errors: [] };
      } catch (err) {
        if (!(err instanceof MongoBulkWriteError)) throw toEngineError(`bulkWrite ${ns.database}.${ns.collection}`, err);
        const r = err.result;
        const errors = (Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors]).map((e) => ({
          index: e.index,
          code: e.code,
          message: e.errmsg ?? 'write error',
        }));
        if (errors.length === 0) throw toEngineError(`bulkWrite ${ns.database}.${ns.collection}`, err);
        return { matched: r.matchedCount, modified: r.modifiedCount, upserted: r.upsertedCount + r.insertedCount, deleted: r.deletedCount, errors };
      }
    },
    async createIndexes(ns, indexes) {
      if (indexes.length === 0) return;
      try {
        await coll(ns).createIndexes(indexes.map((i) => ({ ...i, key: i.key })) as never);
      } catch (err) {
        throw toEngineError(`createIndexes ${ns.database}.${ns.collection}`, err);
      }
    },
    async close() {
      if (owned) await client.close();
    },
  };
}
