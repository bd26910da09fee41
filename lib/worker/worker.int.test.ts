import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { createFsObjectStore, createLocalKeyProvider, createRepository, listSnapshotIds, parseMasterKey } from '@/lib/engine';
import { orderDoc, rng } from '../engine/testing/test-kit';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import type { TJobCondition } from '@/lib/jobs/job-conditions';
import { spawnWorker, type TWorkerProcess } from './testing/spawn-worker';
import { claims, finished, waitForJob } from './testing/wait-for-job';

// The job worker against the real catalog, FerretDB and a filesystem snapshot store, run as
// child processes (`npm run worker`'s entry) pinned to scratch tenants so other tests' jobs are
// never touched.
const run = randomBytes(4).toString('hex');
const masterKey = randomBytes(32).toString('base64');
const rand = rng(Number(`0x${run}`) % 1_000_000);
const DOCS = 1_000;
let mongo: MongoClient;
let dir: string;
const tenants: Array<{ id: string; db: string; slug: string }> = [];
const workers: TWorkerProcess[] = [];

beforeAll(async () => {
  mongo = await new MongoClient(process.env.MONGODB_URI!).connect();
  dir = await mkdtemp(path.join(os.tmpdir(), 'vaultline-worker-'));
  for (let t = 0; t < 4; t++) {
    const name = `it_worker_${run}_${t}`;
    // One big tenant (the crash test needs a job that runs a few seconds), three small ones.
    const n = t === 0 ? DOCS : 200;
    await mongo
      .db(name)
      .collection('orders')
      .insertMany(Array.from({ length: n }, (_, i) => orderDoc(rand, i)));
    const row = await db.tenant.create({
      data: { slug: `it-worker-${run}-${t}`, name, region: 'test', costCenter: 'T', tenancyModel: 'DATABASE', database: name },
    });
    tenants.push({ id: row.id, db: name, slug: row.slug });
  }
});

afterEach(async () => {
  for (const w of workers.splice(0)) {
    if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.kill('SIGKILL');
    await w.exited;
  }
  // A test that failed half-way must not leave work for the next test's workers.
  await db.job.updateMany({ where: { tenantId: { in: tenants.map((t) => t.id) }, status: { in: ['QUEUED', 'RUNNING'] } }, data: { status: 'CANCELLED' } });
});

afterAll(async () => {
  for (const t of tenants) {
    for (const s of await db.snapshot.findMany({ where: { tenantId: t.id }, orderBy: { seq: 'desc' } })) await db.snapshot.delete({ where: { id: s.id } });
    await db.job.deleteMany({ where: { tenantId: t.id } });
    await db.restoreJournalEntry.deleteMany({ where: { tenantId: t.id } });
    await db.tenant.delete({ where: { id: t.id } });
    await mongo?.db(t.db).dropDatabase();
  }
  await mongo?.close();
  await db.$disconnect();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function startWorker(tenantIds: string[], extra: Record<string, string> = {}): TWorkerProcess {
  const w = spawnWorker({
    WORKER_TENANTS: tenantIds.join(','),
    VAULTLINE_STORE: 'fs',
    VAULTLINE_FS_STORE_DIR: dir,
    VAULTLINE_MASTER_KEY: masterKey,
    WORKER_HEARTBEAT_SECONDS: '0.5',
    WORKER_STALE_SECONDS: '3',
    WORKER_SHUTDOWN_GRACE_SECONDS: '1',
    ...extra,
  });
  workers.push(w);
  return w;
}

const enqueueBackup = (tenantId: string, kind: 'full' | 'incremental' | 'auto' = 'auto') =>
  db.$transaction((tx) => enqueueJob(tx, { tenantId, type: 'BACKUP', payload: { kind } }));

async function repoSnapshotIds(tenantId: string): Promise<string[]> {
  const store = createFsObjectStore(dir);
  const repo = await createRepository({ tenantId, store, keys: createLocalKeyProvider({ masterKey: parseMasterKey(masterKey), keyStore: store }) });
  return listSnapshotIds(repo);
}

describe('job worker (npm run worker)', { timeout: 300_000 }, () => {
  it('runs a queued backup job: the snapshot appears in the catalog and the repository', async () => {
    const t = tenants[1]!;
    const w = startWorker([t.id]);
    await w.ready;
    const { id } = await enqueueBackup(t.id, 'full');
    const job = await waitForJob(id, finished);
    expect(job.status, job.error ?? '').toBe('SUCCEEDED');
    expect(job.attempts).toBe(1);
    expect(job.heartbeatAt).not.toBeNull();
    const snapshot = await db.snapshot.findFirstOrThrow({ where: { tenantId: t.id, jobId: id } });
    expect(snapshot).toMatchObject({ status: 'COMPLETED', kind: 'FULL', documents: 200n });
    expect(job.result).toMatchObject({ snapshotId: snapshot.id, documents: 200 });
    expect(await repoSnapshotIds(t.id)).toContain(snapshot.id);
    expect((job.conditions as TJobCondition[]).map((c) => c.type)).toEqual(['Queued', 'Claimed', 'Running', 'Succeeded']);
  });

  it('two workers share four jobs and no job runs twice', async () => {
    const ids = tenants.map((t) => t.id);
    const a = startWorker(ids);
    const b = startWorker(ids);
    await Promise.all([a.ready, b.ready]);
    const jobs = await Promise.all(tenants.map((t) => enqueueBackup(t.id)));
    const done = await Promise.all(jobs.map((j) => waitForJob(j.id, finished, 120_000)));
    for (const job of done) {
      expect(job.status, job.error ?? '').toBe('SUCCEEDED');
      expect(job.attempts).toBe(1);
      expect(claims(job.conditions)).toHaveLength(1);
      expect(await db.snapshot.count({ where: { jobId: job.id } })).toBe(1);
    }
    // Both processes took part (each logged the start of at least one job).
    const started = (w: TWorkerProcess) =>
      w
        .logs()
        .filter((l) => l.msg === 'job started')
        .map((l) => l.jobId);
    const all = [...started(a), ...started(b)];
    expect(all.sort()).toEqual(jobs.map((j) => j.id).sort());
    expect(started(a).length).toBeGreaterThan(0);
    expect(started(b).length).toBeGreaterThan(0);
  }, 300_000);

  it("a SIGKILLed worker's job is finished by another worker after its heartbeat goes stale", async () => {
    const t = tenants[0]!;
    const before = await db.snapshot.count({ where: { tenantId: t.id } });
    const a = startWorker([t.id]);
    await a.ready;
    const { id } = await enqueueBackup(t.id, 'full');
    const running = await waitForJob(id, (s) => s !== 'QUEUED');
    a.proc.kill('SIGKILL');
    await a.exited;
    const orphan = await db.job.findUniqueOrThrow({ where: { id } });
    // If the job had already finished, this test would prove nothing: fail loudly instead.
    expect(running.status).toBe('RUNNING');
    expect(orphan.status).toBe('RUNNING');
    expect(orphan.attempts).toBe(1);
    expect(await db.snapshot.count({ where: { tenantId: t.id } })).toBe(before);

    const b = startWorker([t.id]);
    await b.ready;
    const job = await waitForJob(id, finished, 120_000);
    expect(job.status, job.error ?? '').toBe('SUCCEEDED');
    expect(job.attempts).toBe(2);
    const workersClaiming = claims(job.conditions).map((c) => c.message?.split(' by worker ')[1]);
    expect(workersClaiming).toHaveLength(2);
    expect(new Set(workersClaiming).size).toBe(2);
    const snapshot = await db.snapshot.findFirstOrThrow({ where: { jobId: id } });
    expect(snapshot.documents).toBe(BigInt(DOCS));
    expect(await db.snapshot.count({ where: { tenantId: t.id } })).toBe(before + 1);
  }, 300_000);

  it('SIGTERM: the worker hands its running job back to the queue, exits 0, and the next worker runs it', async () => {
    const t = tenants[0]!;
    const a = startWorker([t.id], { WORKER_SHUTDOWN_GRACE_SECONDS: '0' });
    await a.ready;
    const { id } = await enqueueBackup(t.id, 'full');
    const running = await waitForJob(id, (s) => s !== 'QUEUED');
    a.proc.kill('SIGTERM');
    expect(await a.exited).toEqual({ code: 0, signal: null });
    expect(running.status).toBe('RUNNING');
    const handedBack = await db.job.findUniqueOrThrow({ where: { id } });
    expect(handedBack).toMatchObject({ status: 'QUEUED', attempts: 1, heartbeatAt: null });
    expect((handedBack.conditions as TJobCondition[]).map((c) => c.type)).toContain('Requeued');
    expect(await db.snapshot.count({ where: { jobId: id } })).toBe(0);

    const b = startWorker([t.id]);
    await b.ready;
    const job = await waitForJob(id, finished, 120_000);
    expect(job.status, job.error ?? '').toBe('SUCCEEDED');
    expect(job.attempts).toBe(2);
    expect(await db.snapshot.count({ where: { jobId: id } })).toBe(1);
  }, 300_000);

  it('a restore whose worker is SIGKILLed mid-execution is resumed from its journal by another worker and verifies', async () => {
    const t = tenants[3]!;
    const orders = mongo.db(t.db).collection('orders');
    const a = startWorker([t.id]);
    await a.ready;
    const backup = await waitForJob((await enqueueBackup(t.id, 'full')).id, finished, 120_000);
    expect(backup.status, backup.error ?? '').toBe('SUCCEEDED');
    const snapshotId = (backup.result as { snapshotId: string }).snapshotId;
    const ids = (
      await orders
        .find({}, { projection: { _id: 1 } })
        .sort({ _id: 1 })
        .toArray()
    ).map((d) => d._id);
    await orders.deleteMany({ _id: { $in: ids.slice(0, 120) } });
    await orders.updateMany({ _id: { $in: ids.slice(120, 130) } }, { $set: { status: 'tampered' } });

    const spec = {
      version: 1,
      tenant: t.slug,
      source: { snapshotId },
      selection: { namespaces: { include: ['*'] } },
      target: { mode: 'in-place' },
      conflictPolicy: 'overwrite',
    };
    const { id } = await db.$transaction((tx) => enqueueJob(tx, { tenantId: t.id, type: 'RESTORE', payload: { spec, batchSize: 2 } }));
    const until = Date.now() + 120_000;
    while ((await db.restoreJournalEntry.count({ where: { restoreId: id, type: 'batch' } })) < 3) {
      if (Date.now() > until) throw new Error('the restore wrote no batches');
      await new Promise((r) => setTimeout(r, 10));
    }
    a.proc.kill('SIGKILL');
    await a.exited;
    const journal = await db.restoreJournalEntry.findMany({ where: { restoreId: id }, select: { type: true } });
    expect(journal.map((j) => j.type)).not.toContain('completed');
    expect((await db.job.findUniqueOrThrow({ where: { id } })).status).toBe('RUNNING');
    expect(await orders.countDocuments()).toBeLessThan(200);

    const b = startWorker([t.id]);
    await b.ready;
    const job = await waitForJob(id, finished, 180_000);
    expect(job.status, job.error ?? '').toBe('SUCCEEDED');
    expect(job.attempts).toBe(2);
    expect((job.conditions as TJobCondition[]).map((c) => c.type)).toContain('Resumed');
    expect(job.result).toMatchObject({ outcome: 'verified', execution: { resumed: true } });
    expect(await orders.countDocuments()).toBe(200);
    expect(await orders.countDocuments({ status: 'tampered' })).toBe(0);
    const types = (await db.restoreJournalEntry.findMany({ where: { restoreId: id }, orderBy: { seq: 'asc' }, select: { type: true } })).map((j) => j.type);
    expect(types.filter((x) => x === 'started')).toHaveLength(1);
    expect(types.at(-1)).toBe('completed');
  }, 400_000);

  it('a job inserted in a transaction that rolls back never runs; one that commits does', async () => {
    const t = tenants[2]!;
    const w = startWorker([t.id]);
    await w.ready;
    let rolledBackId = '';
    await expect(
      db.$transaction(async (tx) => {
        rolledBackId = (await enqueueJob(tx, { tenantId: t.id, type: 'BACKUP', payload: { kind: 'full' } })).id;
        // Give the relay (every second) time to look while the row is uncommitted.
        await new Promise((r) => setTimeout(r, 1_500));
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    expect(rolledBackId).not.toBe('');
    const committed = await enqueueBackup(t.id, 'full');
    const job = await waitForJob(committed.id, finished);
    expect(job.status, job.error ?? '').toBe('SUCCEEDED');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await db.job.findUnique({ where: { id: rolledBackId } })).toBeNull();
    const messages = await db.$queryRaw<
      Array<{ jobId: string }>
    >`SELECT data->>'jobId' AS "jobId" FROM pgboss.job WHERE data->>'jobId' IN (${rolledBackId}, ${committed.id})`;
    expect(messages.map((m) => m.jobId)).toEqual([committed.id]);
    expect(
      w
        .logs()
        .filter((l) => l.msg === 'job started')
        .map((l) => l.jobId),
    ).toEqual([committed.id]);
  });

  it('a job cancelled while running stops (CANCELLED, no snapshot); one cancelled while queued never starts', async () => {
    const t = tenants[0]!;
    const queued = await enqueueBackup(t.id, 'full');
    await db.job.update({ where: { id: queued.id }, data: { status: 'CANCELLED' } });
    const w = startWorker([t.id]);
    await w.ready;
    const { id } = await enqueueBackup(t.id, 'full');
    await waitForJob(id, (s) => s !== 'QUEUED');
    await db.job.updateMany({ where: { id, status: 'RUNNING' }, data: { status: 'CANCELLED' } });
    const until = Date.now() + 30_000;
    let types: string[] = [];
    while (Date.now() < until) {
      const row = await db.job.findUniqueOrThrow({ where: { id } });
      types = (row.conditions as TJobCondition[]).map((c) => c.type);
      if (types.includes('Cancelled')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const row = await db.job.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe('CANCELLED');
    expect(types).toContain('Cancelled');
    expect(types).not.toContain('Succeeded');
    expect(row.finishedAt).not.toBeNull();
    expect(await db.snapshot.count({ where: { jobId: id } })).toBe(0);
    const never = await db.job.findUniqueOrThrow({ where: { id: queued.id } });
    expect(never.status).toBe('CANCELLED');
    expect(claims(never.conditions)).toHaveLength(0);
  });
});
