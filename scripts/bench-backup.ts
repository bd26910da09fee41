// Backup engine benchmark: capture throughput, compression ratio, incremental cost, verify and
// read latency, on the demo generators' realistic documents (not repetitive filler).
//   npx tsx scripts/bench-backup.ts [--source memory|ferretdb] [--scale 1] [--tenant acme] [--consistency oplog-window|scan-only] [--codec zstd|gzip|brotli|none]
// `memory` measures the engine alone (documents served from RAM as raw BSON); `ferretdb` loads
// the documents into a scratch database on MONGODB_URI (source scripts/env.sh) and captures from
// there, so it includes FerretDB's read speed. Writes to a temp filesystem store; prints JSON.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BSON, MongoClient, type Document } from 'mongodb';
import {
  createFsObjectStore,
  createLocalKeyProvider,
  createMongoEndpoint,
  createRepository,
  readDocument,
  runSnapshot,
  streamCollection,
  verifyRepository,
  type MongoEndpoint,
  type TTenant,
} from '../lib/engine';
import { createMemoryMongoEndpoint } from '../lib/engine/testing/memory-mongo-endpoint';
import { DEMO_TENANTS } from '../prisma/seed/demo-tenants';
import { encodeDecimals } from '../prisma/seed/mongo/decimal-encoding';
import { contextFor, generateCollection } from '../prisma/seed/mongo/generate-docs';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const source = arg('source', 'memory');
// FerretDB reads the oplog window with a pass over the whole oplog; 'scan-only' measures capture alone.
const consistency = arg('consistency', 'oplog-window') as 'oplog-window' | 'scan-only';
const codec = process.argv.includes('--codec') ? (arg('codec', 'zstd') as 'zstd' | 'gzip' | 'brotli' | 'none') : undefined;
const scale = Number(arg('scale', '1'));
const demo = DEMO_TENANTS.find((t) => t.slug === arg('tenant', 'acme'))!;
const mb = (n: number) => Number((n / 1024 / 1024).toFixed(2));
const secs = (ms: number) => Number((ms / 1000).toFixed(2));

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

async function main() {
  const db = `bench_${demo.slug}`;
  const tenant: TTenant = { tenantId: demo.slug, tenancy: { model: 'DATABASE', database: db } };
  const ctx = contextFor(demo, scale);
  const data: Record<string, Document[]> = {};
  // FerretDB v1 has no Decimal128: money is stored as doubles there, as the demo seed does.
  for (const name of Object.keys(demo.collections)) {
    data[name] = generateCollection(ctx, name).map((d) => (source === 'ferretdb' ? encodeDecimals(d, 'double') : d));
  }
  const rawBytes = Object.values(data).flat().reduce((n, d) => n + BSON.calculateObjectSize(d), 0);

  let endpoint: MongoEndpoint;
  let mutate: (name: string, doc: Document) => Promise<void>;
  let cleanup = async () => {};
  if (source === 'ferretdb') {
    const client = await new MongoClient(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:57017/?directConnection=true').connect();
    await client.db(db).dropDatabase();
    for (const [name, docs] of Object.entries(data)) {
      for (let i = 0; i < docs.length; i += 1000) await client.db(db).collection(name).insertMany(docs.slice(i, i + 1000));
    }
    endpoint = createMongoEndpoint({ client });
    mutate = async (name, doc) => void (await client.db(db).collection(name).replaceOne({ _id: doc._id }, doc));
    cleanup = async () => {
      await client.db(db).dropDatabase();
      await client.close();
    };
  } else {
    const mem = createMemoryMongoEndpoint();
    for (const [name, docs] of Object.entries(data)) for (const d of docs) mem.insert(db, name, d);
    endpoint = mem.endpoint;
    mutate = async (name, doc) => mem.replace(db, name, doc);
  }

  const dir = await mkdtemp(path.join(os.tmpdir(), 'vaultline-bench-'));
  const store = createFsObjectStore(dir);
  const keys = createLocalKeyProvider({ masterKey: Buffer.alloc(32, 42), keyStore: store });
  const results: Record<string, unknown> = { source, consistency, tenant: demo.slug, scale, documents: Object.values(data).flat().length, rawMB: mb(rawBytes) };
  try {
    let peakRss = 0;
    const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const [full, fullMs] = await timed(() => runSnapshot({ tenant, endpoint, store, keys, consistency, options: { codec } }));
    clearInterval(sample);
    results.full = {
      seconds: secs(fullMs),
      docsPerSecond: Math.round(full.stats.documents / (fullMs / 1000)),
      rawMBps: Number((mb(rawBytes) / (fullMs / 1000)).toFixed(1)),
      storedMB: mb(full.stats.packBytesWritten),
      compressionRatio: full.stats.compressionRatio,
      packs: full.stats.packsWritten,
      segments: full.stats.segmentsWritten,
      codec: full.manifest.codec,
      consistency: full.manifest.consistency.method,
      peakRssMB: mb(peakRss),
    };

    const changed = Math.max(1, Math.round(results.documents as number * 0.01));
    const names = Object.keys(data);
    for (let i = 0; i < changed; i++) {
      const name = names[i % names.length]!;
      const docs = data[name]!;
      await mutate(name, { ...docs[(i * 7919) % docs.length]!, benchTouched: i });
    }
    const [inc, incMs] = await timed(() => runSnapshot({ tenant, endpoint, store, keys, consistency, options: { codec }, parent: full.manifest.snapshotId }));
    results.incremental = { seconds: secs(incMs), changedDocs: changed, newBlobs: inc.stats.newBlobs, storedKB: Math.round(inc.stats.packBytesWritten / 1024) };

    const repo = await createRepository({ tenantId: tenant.tenantId, store, keys });
    const [structural, sMs] = await timed(() => verifyRepository({ repo, level: 'structural' }));
    const [deep, dMs] = await timed(() => verifyRepository({ repo, level: 'read-data' }));
    results.verify = { structuralSeconds: secs(sMs), readDataSeconds: secs(dMs), ok: structural.ok && deep.ok };

    const orders = data.orders ?? Object.values(data)[0]!;
    const ordersName = data.orders ? 'orders' : names[0]!;
    const [, lookupMs] = await timed(async () => {
      for (let i = 0; i < 100; i++) await readDocument({ repo, snapshot: inc.manifest, collection: ordersName, id: orders[(i * 131) % orders.length]!._id });
    });
    let streamed = 0;
    const [, streamMs] = await timed(async () => {
      for await (const _ of streamCollection({ repo, snapshot: inc.manifest, collection: ordersName })) streamed++;
    });
    results.read = { lookupMsAvg: Number((lookupMs / 100).toFixed(2)), streamDocsPerSecond: Math.round(streamed / (streamMs / 1000)) };
    console.log(JSON.stringify(results, null, 2));
  } finally {
    await cleanup();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
