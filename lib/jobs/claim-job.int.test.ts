import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, type JobType, type Prisma } from '@/lib/db';
import { claimJob } from './claim-job';
import { enqueueJob } from './enqueue-job';
import type { TJobCondition } from './job-conditions';
import { runAsJob } from './run-as-job';
import { startJobHere } from './start-job-here';

// Claiming and the job lifecycle (runAsJob) against the real catalog, in process: the atomic
// claim, stale takeover, and a job run in this process (CLI) taken over once it goes stale.
const run = randomBytes(4).toString('hex');
let tenantId: string;

beforeAll(async () => {
  tenantId = (
    await db.tenant.create({
      data: { slug: `it-claim-${run}`, name: 'claim', region: 'test', costCenter: 'T', tenancyModel: 'DATABASE', database: `it_claim_${run}` },
    })
  ).id;
});

afterAll(async () => {
  await db.job.deleteMany({ where: { tenantId } });
  await db.tenant.delete({ where: { id: tenantId } });
  await db.$disconnect();
});

const enqueue = (type: JobType, payload: Prisma.InputJsonValue) => db.$transaction((tx) => enqueueJob(tx, { tenantId, type, payload }));
const claim = (jobId: string, attempts = 0, staleSeconds = 30) => claimJob({ jobId, attempts, staleSeconds, workerId: `test-${run}`, tenantIds: [tenantId] });

describe('claimJob', () => {
  it('lets exactly one of several concurrent claims of a queued job win', async () => {
    const { id } = await enqueue('BACKUP', {});
    const results = await Promise.all(Array.from({ length: 5 }, () => claim(id)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const row = await db.job.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'RUNNING', attempts: 1 });
    expect(row.heartbeatAt).not.toBeNull();
    // A message for the old attempt, or a claim while the heartbeat is fresh, gets nothing.
    expect(await claim(id, 0)).toBeNull();
    expect(await claim(id, 1)).toBeNull();
  });

  it('takes over a RUNNING job only once its heartbeat is stale', async () => {
    const { id } = await enqueue('BACKUP', {});
    await claim(id);
    await db.job.update({ where: { id }, data: { heartbeatAt: new Date(Date.now() - 10_000) } });
    expect(await claim(id, 1, 30)).toBeNull();
    const taken = await claim(id, 1, 5);
    expect(taken).toMatchObject({ id, attempts: 2 });
  });

  it('does not claim cancelled jobs or jobs of tenants the worker is not pinned to', async () => {
    const { id } = await enqueue('BACKUP', {});
    await db.job.update({ where: { id }, data: { status: 'CANCELLED' } });
    expect(await claim(id)).toBeNull();
    const other = await enqueue('BACKUP', {});
    expect(await claimJob({ jobId: other.id, attempts: 0, staleSeconds: 30, workerId: 'x', tenantIds: ['some-other-tenant'] })).toBeNull();
    expect((await db.job.findUniqueOrThrow({ where: { id: other.id } })).status).toBe('QUEUED');
  });
});

describe('runAsJob', () => {
  it('records Running → the outcome with its result; a throw fails the job with its message', async () => {
    const { id } = await enqueue('VERIFY', { snapshotId: 's' });
    const job = (await claim(id))!;
    const end = await runAsJob({ job, heartbeatMs: 100 }, async (run) => {
      run.progress({ phase: 'write', documents: { done: 1, total: 2 } });
      await run.note('Halfway');
      return { ok: true, message: 'all good', result: { n: 2 } };
    });
    expect(end).toMatchObject({ jobId: id, status: 'SUCCEEDED', message: 'all good' });
    const row = await db.job.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'SUCCEEDED', result: { n: 2 }, progress: { phase: 'write' } });
    expect((row.conditions as TJobCondition[]).map((c) => c.type)).toEqual(['Queued', 'Claimed', 'Running', 'Halfway', 'Succeeded']);

    const failing = (await claim((await enqueue('VERIFY', { snapshotId: 's' })).id))!;
    const failed = await runAsJob({ job: failing, heartbeatMs: 100 }, async () => {
      throw new Error('the store is gone');
    });
    expect(failed.status).toBe('FAILED');
    expect(await db.job.findUniqueOrThrow({ where: { id: failing.id } })).toMatchObject({ status: 'FAILED', error: 'the store is gone' });
  });

  it('aborts the work when the job is cancelled, and when another attempt took the row over', async () => {
    const cancelled = (await claim((await enqueue('VERIFY', { snapshotId: 's' })).id))!;
    const end = await runAsJob({ job: cancelled, heartbeatMs: 50 }, async (run) => {
      await db.job.update({ where: { id: run.jobId }, data: { status: 'CANCELLED' } });
      await new Promise<void>((resolve) => run.signal.addEventListener('abort', () => resolve(), { once: true }));
      throw run.signal.reason;
    });
    expect(end.status).toBe('CANCELLED');
    const row = await db.job.findUniqueOrThrow({ where: { id: cancelled.id } });
    expect(row.finishedAt).not.toBeNull();
    expect((row.conditions as TJobCondition[]).map((c) => c.type)).toContain('Cancelled');

    const lost = (await claim((await enqueue('VERIFY', { snapshotId: 's' })).id))!;
    const lostEnd = await runAsJob({ job: lost, heartbeatMs: 300 }, async (run) => {
      // another worker claims attempt 2 once the heartbeat looks stale
      await db.job.update({ where: { id: run.jobId }, data: { heartbeatAt: new Date(Date.now() - 60_000) } });
      expect(await claim(run.jobId, 1, 5)).toMatchObject({ attempts: 2 });
      await new Promise<void>((resolve) => run.signal.addEventListener('abort', () => resolve(), { once: true }));
      return { ok: true, message: 'would overwrite the new owner' };
    });
    expect(lostEnd.status).toBe('LOST');
    expect(await db.job.findUniqueOrThrow({ where: { id: lost.id } })).toMatchObject({ status: 'RUNNING', attempts: 2 });
  });

  it("a job run in this process (startJobHere) is claimed at insert and heartbeats; once stale it is taken over like a worker's", async () => {
    const job = await startJobHere({ tenantId, type: 'BACKUP', payload: { kind: 'full' }, origin: 'test' });
    expect(job.attempts).toBe(1);
    const row = await db.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.status).toBe('RUNNING');
    expect((row.conditions as TJobCondition[]).map((c) => c.type)).toEqual(['Queued', 'Claimed']);
    // fresh heartbeat: nobody can take it
    expect(await claim(job.id, 1, 30)).toBeNull();
    // the process "died": its heartbeat goes stale and a worker takes attempt 2
    await db.job.update({ where: { id: job.id }, data: { heartbeatAt: new Date(Date.now() - 60_000) } });
    expect(await claim(job.id, 1, 30)).toMatchObject({ id: job.id, attempts: 2 });
  });
});
