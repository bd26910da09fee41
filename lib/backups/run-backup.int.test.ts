import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import {
  createFsObjectStore,
  createLocalKeyProvider,
  createRepository,
  listSnapshotIds,
  listSnapshots,
  parseMasterKey,
  verifySnapshot,
  type TRepository,
} from '@/lib/engine';
import { orderDoc, rng } from '../engine/testing/test-kit';
import { runBackupChild, type TChildRun } from './testing/run-backup-child';

// Crash safety of the backup job with the real catalog: a child process runs runBackup and is
// SIGKILLed at each write checkpoint (packs → index segments → manifest → catalog rows) and after
// random numbers of object puts. Whatever the moment, the catalog may only list snapshots whose
// objects are all stored and verify, the killed job never reads SUCCEEDED, earlier snapshots
// still read, and the next backup succeeds.
const run = randomBytes(4).toString('hex');
const mongoDb = `it_crash_${run}`;
const slug = `it-crash-${run}`;
const masterKey = randomBytes(32).toString('base64');
const seed = Number.parseInt(process.env.CRASH_SEED ?? String(Date.now() % 1_000_000), 10);
const rand = rng(seed);
let mongo: MongoClient;
let dir: string;
let tenantId: string;
let repo: TRepository;
let firstSnapshotId: string;
let mutations = 0;
type TCustomer = { _id: string; name: string; tier: number; notes: string };

beforeAll(async () => {
  mongo = await new MongoClient(process.env.MONGODB_URI!).connect();
  await mongo
    .db(mongoDb)
    .collection('orders')
    .insertMany(Array.from({ length: 300 }, (_, i) => orderDoc(rand, i)));
  await mongo
    .db(mongoDb)
    .collection<TCustomer>('customers')
    .insertMany(Array.from({ length: 80 }, (_, i) => ({ _id: `c${i}`, name: `customer ${i}`, tier: i % 3, notes: 'x'.repeat(200 + i) })));
  const tenant = await db.tenant.create({ data: { slug, name: slug, region: 'test', costCenter: 'T', tenancyModel: 'DATABASE', database: mongoDb } });
  tenantId = tenant.id;
  dir = await mkdtemp(path.join(os.tmpdir(), 'vaultline-crash-'));
  const store = createFsObjectStore(dir);
  repo = await createRepository({ tenantId, store, keys: createLocalKeyProvider({ masterKey: parseMasterKey(masterKey), keyStore: store }) });
});

afterAll(async () => {
  if (tenantId) {
    // Children before parents: the chain is ON DELETE RESTRICT.
    for (const s of await db.snapshot.findMany({ where: { tenantId }, orderBy: { seq: 'desc' } })) await db.snapshot.delete({ where: { id: s.id } });
    await db.job.deleteMany({ where: { tenantId } });
    await db.tenant.delete({ where: { id: tenantId } });
  }
  await mongo?.db(mongoDb).dropDatabase();
  await mongo?.close();
  await db.$disconnect();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const child = (crashAt?: string): Promise<TChildRun> =>
  runBackupChild({ crashAt, env: { CRASH_TENANT_ID: tenantId, CRASH_STORE_DIR: dir, VAULTLINE_MASTER_KEY: masterKey } });

/** Changes some documents of both collections, so the next backup has new packs to write. */
async function mutate() {
  mutations++;
  const orders = mongo.db(mongoDb).collection('orders');
  const ids = (await orders.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id);
  for (let i = 0; i < 20; i++)
    await orders.updateOne({ _id: ids[Math.floor(rand() * ids.length)] }, { $set: { status: `m${mutations}-${i}`, touched: mutations } });
  await mongo
    .db(mongoDb)
    .collection<TCustomer>('customers')
    .insertOne({ _id: `new-${mutations}`, name: `late ${mutations}`, tier: 0, notes: 'y'.repeat(300) });
}

const catalogState = async () => ({
  manifests: await listSnapshotIds(repo),
  snapshots: await db.snapshot.findMany({ where: { tenantId }, orderBy: { seq: 'asc' }, include: { collections: true } }),
  jobs: await db.job.findMany({ where: { tenantId }, orderBy: { createdAt: 'asc' } }),
});

/** The invariants that must hold after any crash. */
async function expectCrashSafe(killed: TChildRun, before: Awaited<ReturnType<typeof catalogState>>, where: string) {
  const after = await catalogState();
  // The killed run's job: never SUCCEEDED (the process died before it could say so).
  const newJobs = after.jobs.filter((j) => !before.jobs.some((b) => b.id === j.id));
  expect(newJobs, where).toHaveLength(1);
  expect(['RUNNING', 'FAILED'], `job status after a kill at ${where}`).toContain(newJobs[0]!.status);
  // No catalog row for the killed snapshot unless its rows were committed (manifest written before).
  const added = after.snapshots.filter((s) => !before.snapshots.some((b) => b.id === s.id));
  expect(
    added.map((s) => s.jobId),
    `snapshot rows added by a run killed at ${where}`,
  ).toEqual(killed.checkpoint === 'snapshot-rows-committed' ? [newJobs[0]!.id] : []);
  // Every listed snapshot has its manifest and every object it references, intact and readable.
  for (const s of after.snapshots) {
    expect(s).toMatchObject({ status: 'COMPLETED', manifestKey: s.id });
    const report = await verifySnapshot({ repo, snapshotId: s.manifestKey!, level: 'read-data' });
    expect(report.problems, `snapshot ${s.id} after a kill at ${where}`).toEqual([]);
  }
  expect(after.snapshots.map((s) => s.id)).toContain(firstSnapshotId);
  // The store never holds a torn or unauthenticated manifest (puts are atomic, manifest is last);
  // the killed run's manifest is there exactly when the kill came after it was stored.
  expect((await listSnapshots(repo)).invalid, where).toEqual([]);
  const newManifests = after.manifests.filter((id) => !before.manifests.includes(id));
  const manifestWritten = ['manifest-stored', 'snapshot-rows-committed'].includes(killed.checkpoint!) || killed.checkpoint!.endsWith(' manifest');
  expect(newManifests.length, `new manifests after a kill at ${where}`).toBe(manifestWritten ? 1 : 0);
}

describe('runBackup crash safety (SIGKILL at every write checkpoint)', () => {
  it('takes a good first snapshot', async () => {
    const first = await child();
    expect(first.result, first.stderr).toBeDefined();
    firstSnapshotId = first.result!.snapshotId;
    const { snapshots, jobs } = await catalogState();
    expect(snapshots.map((s) => s.id)).toEqual([firstSnapshotId]);
    expect(jobs.map((j) => j.status)).toEqual(['SUCCEEDED']);
    expect((await verifySnapshot({ repo, snapshotId: firstSnapshotId, level: 'read-data' })).ok).toBe(true);
  });

  // Random points: after n object puts, n < 15. An incremental here writes ≥ 15 objects (≥ 1
  // pack, 10 + 3 index segments of 32 entries, the manifest). CRASH_SEED=<seed> replays a run.
  const randomPuts = Array.from({ length: 3 }, () => `put:${1 + Math.floor(rand() * 14)}`);
  const points = [
    ...['packs-stored', 'segments-stored', 'manifest-stored', 'snapshot-rows-committed'].map((p) => [p, p]),
    ...randomPuts.map((p, i) => [`a random point #${i + 1}`, p]),
  ];
  for (const [name, point] of points) {
    it(`killed at ${name}: catalog and repository stay consistent`, async () => {
      await mutate();
      const before = await catalogState();
      const killed = await child(point);
      const where = `${point} (CRASH_SEED=${seed})`;
      expect(killed.checkpoint?.split(' ')[0], `no kill at ${where}: ${killed.stdout}\n${killed.stderr}`).toBe(point);
      expect(killed.signal).toBe('SIGKILL');
      await expectCrashSafe(killed, before, where);
    });
  }

  it('the next backup succeeds; per-collection stored bytes plus the manifest add up to the snapshot', async () => {
    await mutate();
    const next = await child();
    expect(next.result, next.stderr).toBeDefined();
    const { snapshots, jobs } = await catalogState();
    const row = snapshots.find((s) => s.id === next.result!.snapshotId)!;
    expect(row).toMatchObject({ status: 'COMPLETED', kind: 'INCREMENTAL' });
    expect(jobs.at(-1)).toMatchObject({ id: next.result!.jobId, status: 'SUCCEEDED' });
    expect((await verifySnapshot({ repo, snapshotId: row.id, level: 'read-data' })).ok).toBe(true);
    expect(row.collections.map((c) => c.storedBytes > 0n)).toEqual([true, true]);
    const manifest = await repo.store.head(`tenants/${repo.tenant.tenantKey}/snapshots/${row.id}`);
    expect(row.collections.reduce((n, c) => n + c.storedBytes, 0n) + BigInt(manifest!.size)).toBe(row.storedBytes);
  });
});
