// Seeds the demo tenants' MongoDB data (the tenant data plane), idempotently.
//
// For each tenant and logical collection in DEMO_TENANTS the documents go where the tenant's
// tenancy model says (DESIGN.md §2):
//   DATABASE           db `database`, collection `name`
//   COLLECTION_PREFIX  db `database`, collection `prefix + name`
//   SHARED_FIELD       db `database`, shared collection `name`, each doc has {[field]: value}
// A tenant's "slice" is the whole collection, except for SHARED_FIELD where it is the documents
// matching the tenant predicate. A slice that already holds exactly the generated set (by count
// and by sampled ids) is skipped; otherwise the slice alone is deleted and reinserted. Other
// tenants' documents in a shared collection are never touched.
//
// Only plain CRUD and createIndexes are used (no transactions, validators, partial or TTL
// indexes), so this runs against MongoDB and FerretDB v1. FerretDB v1 has no Decimal128: money
// is then stored as doubles (feature-detected, see decimal-encoding.ts, reported in the result).
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { BSON, MongoBulkWriteError, MongoClient, type Db, type Document, type Filter } from 'mongodb';
import { DEMO_TENANTS, type TDemoTenant } from '../demo-tenants';
import type { TGenContext } from './generate-common';
import { encodeDecimals, serverSupportsDecimal128, type TDecimalEncoding } from './decimal-encoding';
import { contextFor, generateRange, generatorFor } from './generate-docs';
import { indexesFor, type TIndexSpec } from './indexes';

export type TSeedMongoOptions = {
  uri: string;
  /** tenants (or their slugs) to seed; default all DEMO_TENANTS */
  tenants?: ReadonlyArray<TDemoTenant | string>;
  /** multiplies every document count (min 1 per collection); default 1 */
  scale?: number;
  /** appended to every database name (tests use it to stay off the demo databases) */
  dbSuffix?: string;
  /** documents per insertMany; default 1000 */
  batchSize?: number;
  /** insertMany calls in flight per collection; default 4 (FerretDB/SQLite: ~1.2-1.6x over 1) */
  concurrency?: number;
  log?: (line: string) => void;
  /** an already connected client to use (not closed); otherwise one is opened for `uri` */
  client?: MongoClient;
  /** how money (Decimal128) is stored; 'auto' (default): Decimal128 if the server has it, else double */
  decimalEncoding?: 'auto' | TDecimalEncoding;
};

export type TSeedTarget = {
  tenant: string;
  model: TDemoTenant['tenancy']['model'];
  database: string;
  /** physical collection name */
  collection: string;
  /** logical collection name (generator) */
  logical: string;
  /** the tenant's slice of the collection */
  filter: Filter<Document>;
  tenantField?: string;
  expected: number;
  ctx: TGenContext;
};

export type TSeedRow = Omit<TSeedTarget, 'ctx' | 'filter'> & {
  action: 'skipped' | 'seeded';
  /** documents of the slice after seeding */
  count: number;
  deleted: number;
  inserted: number;
  /** wall time of this collection (check, delete, generate + insert) */
  ms: number;
  /** BSON bytes inserted */
  bytes: number;
};

export type TSeedMongoResult = {
  rows: TSeedRow[];
  /** documents in all slices after seeding */
  total: number;
  inserted: number;
  insertedBytes: number;
  /** time spent seeding collections that were (re)inserted */
  insertMs: number;
  ms: number;
  /** indexes that the server refused (name, namespace, error) — reported, not faked */
  indexFailures: { namespace: string; name: string; error: string }[];
  /** how money was stored (decimal128 unless the server lacks it or the caller chose otherwise) */
  decimalEncoding: TDecimalEncoding;
};

function resolveTenants(sel: TSeedMongoOptions['tenants']): TDemoTenant[] {
  if (!sel) return DEMO_TENANTS;
  return sel.map((t) => {
    if (typeof t !== 'string') return t;
    const found = DEMO_TENANTS.find((d) => d.slug === t);
    if (!found) throw new Error(`unknown demo tenant "${t}"`);
    return found;
  });
}

/** Where every (tenant, collection) goes and how many documents it should hold. */
export function planSeed(opts: Pick<TSeedMongoOptions, 'tenants' | 'scale' | 'dbSuffix'> = {}): TSeedTarget[] {
  const scale = opts.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`scale must be a positive number, got ${scale}`);
  const suffix = opts.dbSuffix ?? '';
  const out: TSeedTarget[] = [];
  for (const t of resolveTenants(opts.tenants)) {
    const ctx = contextFor(t, scale);
    const ten = t.tenancy;
    for (const logical of Object.keys(t.collections)) {
      generatorFor(logical); // fail early on a collection without a generator
      const base = { tenant: t.slug, model: ten.model, database: ten.database + suffix, logical, expected: ctx.counts[logical] ?? 0, ctx };
      if (ten.model === 'DATABASE') out.push({ ...base, collection: logical, filter: {} });
      else if (ten.model === 'COLLECTION_PREFIX') out.push({ ...base, collection: ten.collectionPrefix + logical, filter: {} });
      else out.push({ ...base, collection: logical, filter: { [ten.tenantField]: ten.tenantValue }, tenantField: ten.tenantField });
    }
  }
  return out;
}

function sameIndex(a: Document, s: TIndexSpec): boolean {
  return JSON.stringify(a.key) === JSON.stringify(s.key) && Boolean(a.unique) === Boolean(s.unique);
}

/** Creates the collection's indexes; an index of the same name but another spec is replaced. */
async function ensureIndexes(db: Db, t: TSeedTarget, failures: TSeedMongoResult['indexFailures']): Promise<void> {
  const coll = db.collection(t.collection);
  const specs = indexesFor(t.logical, t.tenantField);
  let existing: Document[] = [];
  try {
    existing = await coll.listIndexes().toArray();
  } catch {
    existing = []; // namespace does not exist yet
  }
  for (const spec of specs) {
    const have = existing.find((i) => i.name === spec.name);
    if (have && sameIndex(have, spec)) continue;
    try {
      if (have) await coll.dropIndex(spec.name);
      await coll.createIndex(spec.key, { name: spec.name, ...(spec.unique ? { unique: true } : {}) });
    } catch (e) {
      failures.push({ namespace: `${t.database}.${t.collection}`, name: spec.name, error: e instanceof Error ? e.message : String(e) });
    }
  }
}

/**
 * True when the slice holds exactly the generated set: the same count, and sampled documents
 * (first, middle, last) identical to the generated ones, byte for byte as BSON — so a changed
 * scale, generator or money encoding is noticed too.
 */
async function sliceIsComplete(db: Db, t: TSeedTarget, enc: TDecimalEncoding): Promise<{ complete: boolean; count: number }> {
  const coll = db.collection(t.collection);
  const count = await coll.countDocuments(t.filter);
  if (count !== t.expected) return { complete: false, count };
  const g = generatorFor(t.logical);
  const sample = [...new Set([0, Math.floor(t.expected / 2), t.expected - 1])].map((i) => encodeDecimals(g(t.ctx, i), enc));
  // one equality lookup per id: FerretDB v1 (SQLite) pushes `_id` equality down, but not `$in`
  const stored: Document[] = [];
  for (const d of sample) {
    const found = await coll.findOne({ ...t.filter, _id: d._id } as Filter<Document>);
    if (found) stored.push(found);
  }
  const hex = (d: Document) => Buffer.from(BSON.serialize(d)).toString('hex');
  const key = (d: Document) => hex({ id: d._id });
  const byId = new Map(stored.map((d) => [key(d), hex(d)]));
  const complete = sample.every((d) => byId.get(key(d)) === hex(d));
  return { complete, count };
}

/** Generates and inserts the slice in batches, generation of the next batch overlapping inserts. */
async function insertSlice(
  db: Db,
  t: TSeedTarget,
  batchSize: number,
  concurrency: number,
  enc: TDecimalEncoding,
): Promise<{ inserted: number; bytes: number }> {
  const coll = db.collection(t.collection);
  const inFlight = new Set<Promise<void>>();
  let inserted = 0;
  let bytes = 0;
  let failure: unknown = null;
  const chunk = 100;
  for (let from = 0; from < t.expected; from += batchSize) {
    const to = Math.min(t.expected, from + batchSize);
    const docs: Document[] = [];
    for (let i = from; i < to; i += chunk) {
      for (const d of generateRange(t.ctx, t.logical, i, Math.min(to, i + chunk))) docs.push(encodeDecimals(d, enc));
      await yieldToLoop(); // let in-flight inserts make progress on the socket
    }
    for (const d of docs) bytes += BSON.calculateObjectSize(d);
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (failure) break;
    const p: Promise<void> = coll
      .insertMany(docs, { ordered: false })
      .then((r) => {
        inserted += r.insertedCount;
      })
      .catch((e: unknown) => {
        failure = e;
      })
      .finally(() => {
        inFlight.delete(p);
      });
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  if (failure) {
    const e = failure as Error;
    let detail = '';
    if (e instanceof MongoBulkWriteError) {
      const we = Array.isArray(e.writeErrors) ? e.writeErrors : [e.writeErrors];
      detail = ` (${we.length} write errors, first: ${we[0]?.errmsg ?? '?'})`;
    }
    throw new Error(`inserting into ${t.database}.${t.collection} failed: ${e.message}${detail}`);
  }
  return { inserted, bytes };
}

export async function seedMongo(opts: TSeedMongoOptions): Promise<TSeedMongoResult> {
  const log = opts.log ?? ((s: string) => console.log(s));
  const batchSize = Math.max(1, opts.batchSize ?? 1000);
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const plan = planSeed(opts);
  const client = opts.client ?? new MongoClient(opts.uri, { serverSelectionTimeoutMS: 10_000 });
  const owned = !opts.client;
  const started = performance.now();
  const rows: TSeedRow[] = [];
  const indexFailures: TSeedMongoResult['indexFailures'] = [];
  const suffix = opts.dbSuffix ?? '';
  let decimalEncoding: TDecimalEncoding = opts.decimalEncoding && opts.decimalEncoding !== 'auto' ? opts.decimalEncoding : 'decimal128';
  if ((opts.decimalEncoding ?? 'auto') === 'auto' && !(await serverSupportsDecimal128(opts.uri, `vaultline_seed_probe${suffix}`))) {
    decimalEncoding = 'double';
    log('note  the server does not support Decimal128 (FerretDB v1): money amounts are stored as doubles');
  }
  try {
    if (owned) await client.connect();
    for (const t of plan) {
      const t0 = performance.now();
      const db = client.db(t.database);
      const { ctx: _ctx, filter: _filter, ...info } = t;
      await ensureIndexes(db, t, indexFailures);
      const before = await sliceIsComplete(db, t, decimalEncoding);
      if (before.complete) {
        rows.push({ ...info, action: 'skipped', count: before.count, deleted: 0, inserted: 0, ms: performance.now() - t0, bytes: 0 });
        log(`skip  ${t.tenant.padEnd(10)} ${t.database}.${t.collection}: already ${before.count} docs`);
        continue;
      }
      const deleted = before.count > 0 ? (await db.collection(t.collection).deleteMany(t.filter)).deletedCount : 0;
      const { inserted, bytes } = await insertSlice(db, t, batchSize, concurrency, decimalEncoding);
      const count = await db.collection(t.collection).countDocuments(t.filter);
      if (count !== t.expected) throw new Error(`${t.database}.${t.collection} (${t.tenant}): expected ${t.expected} docs after seeding, found ${count}`);
      const ms = performance.now() - t0;
      rows.push({ ...info, action: 'seeded', count, deleted, inserted, ms, bytes });
      log(
        `seed  ${t.tenant.padEnd(10)} ${t.database}.${t.collection}: ${inserted} docs${deleted ? ` (replaced ${deleted})` : ''} in ${(ms / 1000).toFixed(2)}s` +
          ` = ${Math.round(inserted / (ms / 1000))} docs/s, ${(bytes / 1048576 / (ms / 1000)).toFixed(2)} MiB/s`,
      );
    }
  } finally {
    if (owned) await client.close();
  }
  for (const f of indexFailures) log(`index ${f.namespace} ${f.name} NOT created: ${f.error}`);
  const seeded = rows.filter((r) => r.action === 'seeded');
  return {
    rows,
    total: rows.reduce((n, r) => n + r.count, 0),
    inserted: seeded.reduce((n, r) => n + r.inserted, 0),
    insertedBytes: seeded.reduce((n, r) => n + r.bytes, 0),
    insertMs: seeded.reduce((n, r) => n + r.ms, 0),
    ms: performance.now() - started,
    indexFailures,
    decimalEncoding,
  };
}
