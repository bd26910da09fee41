import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { claimJob } from './claim-job';
import { claimWriterHere } from './claim-writer-here';
import { enqueueJob } from './enqueue-job';
import type { TJobCondition } from './job-conditions';
import { LOCAL_WORKER_ID } from './local-owner';
import { startJobHere } from './start-job-here';

// A writer run in this process (the CLI) against the real catalog: the same lock, one writer
// per tenant rule and quota as a worker's claim; takeover and reopen of an interrupted job.
const run = randomBytes(4).toString('hex');
const tenantIds: string[] = [];

beforeAll(async () => {
  for (const n of ['a', 'b'])
    tenantIds.push(
      (
        await db.tenant.create({
          data: { slug: `it-cwh-${n}-${run}`, name: 'cwh', region: 'test', costCenter: 'T', tenancyModel: 'DATABASE', database: `it_cwh_${n}_${run}` },
        })
      ).id,
    );
});

afterEach(async () => {
  await db.job.deleteMany({ where: { tenantId: { in: tenantIds } } });
});

afterAll(async () => {
  await db.tenant.deleteMany({ where: { id: { in: tenantIds } } });
  await db.$disconnect();
});

const start = (tenantId: string, type: 'RESTORE' | 'UNDO' = 'RESTORE') =>
  claimWriterHere({ tenantId, type, start: { payload: { spec: 'x' }, origin: 'test' } });
const workerClaims = async (tenantId: string, type: 'RESTORE' | 'UNDO' | 'BACKUP' = 'RESTORE') => {
  const { id } = await db.$transaction((tx) => enqueueJob(tx, { tenantId, type, payload: { spec: 'x' } }));
  return { id, job: await claimJob({ jobId: id, attempts: 0, staleSeconds: 30, workerId: `w-${run}`, tenantIds: [tenantId] }) };
};

describe('claimWriterHere', () => {
  it("is refused while a worker's RESTORE of the tenant runs, not for another tenant; a worker's restore then waits for the local one", async () => {
    const [a, b] = tenantIds as [string, string];
    const worker = await workerClaims(a);
    expect(worker.job).not.toBeNull();
    const refused = await start(a, 'UNDO');
    expect(refused).toMatchObject({ ok: false, reason: 'writer', blocker: { id: worker.id, type: 'RESTORE', owner: `w-${run}` } });
    expect(await db.job.count({ where: { tenantId: a, type: 'UNDO' } })).toBe(0);

    const local = await start(b);
    expect(local).toMatchObject({ ok: true, how: 'started', job: { attempts: 1, type: 'RESTORE' } });
    const queued = await workerClaims(b);
    expect(queued.job).toBeNull();
    const row = await db.job.findUniqueOrThrow({ where: { id: queued.id } });
    expect(row.status).toBe('QUEUED');
    expect((row.progress as { message: string }).message).toContain(`RESTORE job ${local.ok && local.job.id} of this tenant is running`);
  });

  it('is the only way to start a local writer: startJobHere refuses RESTORE and UNDO', async () => {
    for (const type of ['RESTORE', 'UNDO'] as const)
      await expect(startJobHere({ tenantId: tenantIds[0]!, type, payload: {}, origin: 'test' })).rejects.toThrow(/claimWriterHere/);
    expect(await db.job.count({ where: { tenantId: tenantIds[0] } })).toBe(0);
  });

  it('lets exactly one of several concurrent local starts of one tenant win', async () => {
    const results = await Promise.all(Array.from({ length: 4 }, () => start(tenantIds[0]!)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === 'writer')).toBe(true);
    expect(await db.job.count({ where: { tenantId: tenantIds[0], status: 'RUNNING' } })).toBe(1);
  });

  it("counts against the tenant's quota of restores and undos", async () => {
    const a = tenantIds[0]!;
    const limit = env().JOBS_MAX_PENDING_RESTORES_PER_TENANT;
    for (let i = 0; i < limit; i++) await db.$transaction((tx) => enqueueJob(tx, { tenantId: a, type: 'RESTORE', payload: { spec: 'x' } }));
    const full = await start(a);
    expect(full).toMatchObject({ ok: false, reason: 'quota' });
    expect(!full.ok && full.message).toMatch(new RegExp(`the limit is ${limit} \\(JOBS_MAX_PENDING_RESTORES_PER_TENANT\\)`));
    expect(await db.job.count({ where: { tenantId: a, status: 'RUNNING' } })).toBe(0);
  });

  it('takes a stale RUNNING job over through the claim (attempt + 1) and reopens a FAILED one, each at its attempt only', async () => {
    const a = tenantIds[0]!;
    const worker = await workerClaims(a);
    const resume = { jobId: worker.id, attempts: 1, staleSeconds: 30 };
    // Fresh heartbeat: not taken over (the job itself is not counted as another writer).
    expect(await claimWriterHere({ tenantId: a, type: 'RESTORE', resume })).toMatchObject({ ok: false, reason: 'gone' });
    await db.job.update({ where: { id: worker.id }, data: { heartbeatAt: new Date(Date.now() - 60_000) } });
    const taken = await claimWriterHere({ tenantId: a, type: 'RESTORE', resume });
    expect(taken).toMatchObject({ ok: true, how: 'took-over', job: { id: worker.id, attempts: 2 } });
    const claimed = (await db.job.findUniqueOrThrow({ where: { id: worker.id } })).conditions as TJobCondition[];
    expect(claimed.at(-1)).toMatchObject({ type: 'Claimed', message: `attempt 2 by worker ${LOCAL_WORKER_ID}` });

    await db.job.update({ where: { id: worker.id }, data: { status: 'FAILED', finishedAt: new Date(), error: 'lost' } });
    expect(await claimWriterHere({ tenantId: a, type: 'RESTORE', resume })).toMatchObject({ ok: false, reason: 'gone' });
    const reopened = await claimWriterHere({ tenantId: a, type: 'RESTORE', resume: { ...resume, attempts: 2 } });
    expect(reopened).toMatchObject({ ok: true, how: 'reopened', job: { id: worker.id, attempts: 3 } });
    expect(await db.job.findUniqueOrThrow({ where: { id: worker.id } })).toMatchObject({ status: 'RUNNING', error: null, finishedAt: null });
    // Another tenant's job id is not found under this tenant.
    expect(await claimWriterHere({ tenantId: tenantIds[1]!, type: 'RESTORE', resume: { ...resume, attempts: 3 } })).toMatchObject({
      ok: false,
      reason: 'gone',
    });
  });

  it('supersedes a stale writer (ends it FAILED with the reason) in the same step as the start', async () => {
    const a = tenantIds[0]!;
    const worker = await workerClaims(a);
    const supersede = [{ jobId: worker.id, attempts: 1, staleSeconds: 30, message: 'stopped half-way; undone' }];
    expect(await claimWriterHere({ tenantId: a, type: 'UNDO', start: { payload: {} }, supersede })).toMatchObject({ ok: false, reason: 'gone' });
    await db.job.update({ where: { id: worker.id }, data: { heartbeatAt: new Date(Date.now() - 60_000) } });
    expect(await claimWriterHere({ tenantId: a, type: 'UNDO', start: { payload: {} }, supersede })).toMatchObject({ ok: true, how: 'started' });
    expect(await db.job.findUniqueOrThrow({ where: { id: worker.id } })).toMatchObject({ status: 'FAILED', error: 'stopped half-way; undone' });
  });
});
