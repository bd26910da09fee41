// The schedule loop inside a real worker process: a tenant whose slot is due gets its scheduled
// backup enqueued by the worker's own pass, run by the same worker, and the outcome recorded on
// the schedule row at the next pass; SIGTERM stops the loop and the worker cleanly.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { reconcileSchedules } from '@/lib/schedule/reconcile-schedules';
import { orderDoc, rng } from '../engine/testing/test-kit';
import { spawnWorker, type TWorkerProcess } from './testing/spawn-worker';
import { finished, waitForJob } from './testing/wait-for-job';

const run = randomBytes(4).toString('hex');
const name = `it_sched_loop_${run}`;
let mongo: MongoClient;
let dir: string;
let tenantId = '';
let worker: TWorkerProcess | undefined;

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined>, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  mongo = await new MongoClient(process.env.MONGODB_URI!).connect();
  dir = await mkdtemp(path.join(os.tmpdir(), 'vaultline-sched-'));
  const rand = rng(7);
  await mongo
    .db(name)
    .collection('orders')
    .insertMany(Array.from({ length: 100 }, (_, i) => orderDoc(rand, i)));
  tenantId = (await db.tenant.create({ data: { slug: `it-sched-${run}`, name, region: 'test', costCenter: 'T', tenancyModel: 'DATABASE', database: name } }))
    .id;
});

afterAll(async () => {
  if (worker && worker.proc.exitCode === null && worker.proc.signalCode === null) worker.proc.kill('SIGKILL');
  await worker?.exited;
  if (tenantId) {
    await db.snapshotCollection.deleteMany({ where: { tenantId } });
    await db.snapshot.deleteMany({ where: { tenantId } });
    await db.job.deleteMany({ where: { tenantId } });
    await db.tenant.delete({ where: { id: tenantId } });
  }
  await mongo?.db(name).dropDatabase();
  await mongo?.close();
  await db.$disconnect();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('schedule loop in the worker', { timeout: 180_000 }, () => {
  it('enqueues the due scheduled backup, runs it, records the outcome, and stops on SIGTERM', async () => {
    await reconcileSchedules({ now: new Date(), tenantIds: [tenantId] });
    // the slot came due a minute ago (as after a short downtime)
    await db.backupSchedule.update({ where: { tenantId }, data: { nextRunAt: new Date(Date.now() - 60_000) } });
    worker = spawnWorker({
      WORKER_TENANTS: tenantId,
      VAULTLINE_STORE: 'fs',
      VAULTLINE_FS_STORE_DIR: dir,
      VAULTLINE_MASTER_KEY: randomBytes(32).toString('base64'),
      WORKER_HEARTBEAT_SECONDS: '0.5',
      WORKER_SHUTDOWN_GRACE_SECONDS: '2',
      SCHEDULER_ENABLED: 'true',
      SCHEDULER_INTERVAL_SECONDS: '1',
    });
    await worker.ready;
    const queued = await waitFor('the scheduled job', () => db.job.findFirst({ where: { tenantId, type: 'BACKUP' } }));
    expect(queued.payload).toMatchObject({ trigger: 'schedule', kind: 'full', reason: 'slot' });
    const done = await waitForJob(queued.id, finished);
    expect(done.status, done.error ?? '').toBe('SUCCEEDED');
    expect(await db.snapshot.findFirst({ where: { tenantId, jobId: queued.id }, select: { kind: true } })).toEqual({ kind: 'FULL' });
    const row = await waitFor('the recorded outcome', () => db.backupSchedule.findFirst({ where: { tenantId, lastOutcome: 'succeeded' } }));
    expect(row).toMatchObject({ lastJobId: queued.id, failures: 0, runsSinceFull: 0 });
    expect(row.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
    expect(await db.job.count({ where: { tenantId } })).toBe(1);
    worker.proc.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    const logs = worker.logs().map((l) => l.msg);
    expect(logs).toContain('scheduler started');
    expect(logs).toContain('worker stopped');
  });
});
