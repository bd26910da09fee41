import { BSON, Timestamp, type Document } from 'mongodb';
import type { MongoEndpoint, TCollectionInfo, TFindOptions } from '../ports/mongo-endpoint';
import { matches, project } from './match-filter';

type TColl = { docs: Map<string, Buffer>; options: Document; indexes: Document[] };
export type TFindCall = { db: string; collection: string; filter: Document; options?: TFindOptions };

/**
 * A MongoEndpoint test double holding raw BSON, with a FerretDB-shaped oplog (i / u with
 * {$v:1,$set:whole doc} / d) when `withOplog`. Records every find so unit tests can assert the
 * queries the engine sends; `duringScan` lets a test change data while a scan is in progress.
 */
export function createMemoryMongoEndpoint(opts: { withOplog?: boolean } = {}) {
  const dbs = new Map<string, Map<string, TColl>>();
  const oplog: Buffer[] = [];
  let clock = 1_700_000_000;
  let inc = 0;
  const finds: TFindCall[] = [];
  let duringScan: ((db: string, coll: string, yielded: number) => void) | null = null;

  const coll = (db: string, name: string): TColl => {
    let d = dbs.get(db);
    if (!d) dbs.set(db, (d = new Map()));
    let c = d.get(name);
    if (!c) d.set(name, (c = { docs: new Map(), options: {}, indexes: [{ v: 2, key: { _id: 1 }, name: '_id_' }] }));
    return c;
  };
  const keyOf = (id: unknown) => Buffer.from(BSON.serialize({ _id: id })).toString('hex');
  const log = (entry: Document) => {
    if (opts.withOplog) oplog.push(Buffer.from(BSON.serialize({ ts: new Timestamp({ t: clock, i: ++inc }), ...entry })));
  };

  const api = {
    finds,
    oplog,
    createCollection(db: string, name: string, options: Document = {}, indexes: Document[] = []) {
      const c = coll(db, name);
      c.options = options;
      c.indexes.push(...indexes);
    },
    insert(db: string, name: string, doc: Document) {
      const raw = Buffer.from(BSON.serialize(doc));
      coll(db, name).docs.set(keyOf(doc._id), raw);
      log({ op: 'i', ns: `${db}.${name}`, o: doc });
    },
    replace(db: string, name: string, doc: Document) {
      coll(db, name).docs.set(keyOf(doc._id), Buffer.from(BSON.serialize(doc)));
      log({ op: 'u', ns: `${db}.${name}`, o: { $v: 1, $set: doc }, o2: { _id: doc._id } });
    },
    remove(db: string, name: string, id: unknown) {
      coll(db, name).docs.delete(keyOf(id));
      log({ op: 'd', ns: `${db}.${name}`, o: { _id: id } });
    },
    /** Simulates the capped oplog dropping its oldest entries. */
    dropOldestOplog(n: number) {
      oplog.splice(0, n);
    },
    tick(seconds = 1) {
      clock += seconds;
    },
    setDuringScan(fn: typeof duringScan) {
      duringScan = fn;
    },
  };

  async function* findRawImpl(db: string, name: string, filter: Document, o?: TFindOptions): AsyncGenerator<Uint8Array> {
    finds.push({ db, collection: name, filter: structuredClone(filter), options: o });
    const source = db === 'local' && name === 'oplog.rs' ? [...oplog] : [...(dbs.get(db)?.get(name)?.docs.values() ?? [])];
    const ordered = (o?.sort as Document | undefined)?.$natural === -1 ? source.reverse() : source;
    let n = 0;
    for (const raw of ordered) {
      if (Object.keys(filter).length > 0 && !matches(BSON.deserialize(raw), filter)) continue;
      yield raw;
      n++;
      duringScan?.(db, name, n);
      if (o?.limit && n >= o.limit) return;
    }
  }

  const endpoint: MongoEndpoint = {
    label: 'memory-mongo',
    async listCollections(db) {
      if (db === 'local') return opts.withOplog ? [{ name: 'oplog.rs', type: 'collection', options: { capped: true } }] : [];
      return [...(dbs.get(db)?.entries() ?? [])].map(([name, c]): TCollectionInfo => ({ name, type: 'collection', options: c.options }));
    },
    async listIndexes(db, name) {
      return structuredClone(dbs.get(db)?.get(name)?.indexes ?? []);
    },
    findRaw: findRawImpl,
    async *find(db, name, filter, o) {
      for await (const raw of findRawImpl(db, name, filter, o)) yield project(BSON.deserialize(raw), o?.projection);
    },
    serverTime: async () => new Date(clock * 1000),
    async close() {},
  };
  return { endpoint, ...api };
}
