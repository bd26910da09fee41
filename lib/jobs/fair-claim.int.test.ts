import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, type JobType, type Prisma } from '@/lib/db';
import { env } from '@/lib/env';
import { isAppError } from '@/lib/errors';
import { claimJob } from './claim-job';
import { enqueueJob } from './enqueue-job';
import type { TJobCondition } from './job-conditions';
import { runAsJob } from './run-as-job';

// Fair scheduling across tenants, one writer per tenant, and the per-tenant quotas, against the
// real catalog. Claims are pinned to this file's tenants so other suites' rows do not count.
const run = randomBytes(4).toString('hex');
const tenants: string[] = [];

async function newTenant(name: string): Promise<string> {
  const t = await db.tenant.create({
    data: { slug: `it-fair-${name}-${run}`, name, region: 'test', costCenter: 'T', tenancyModel: 'DATABASE', database: `it_fair_${name}_${run}` },
  });
  tenants.push(t.id);
  return t.id;
}

beforeAll(async () => {
  await Promise.all(['a', 'b', 'c', 'd', 'e', 'q'].map(newTenant));
});

afterAll(async () => {
  await db.job.deleteMany({ where: { tenantId: { in: tenants } } });
  await db.tenant.deleteMany({ where: { id: { in: tenants } } });
  await db.$disconnect();
});

const enqueue = (tenantId: string, type: JobType, payload: Prisma.InputJsonValue = {}) => db.$transaction((tx) => enqueueJob(tx, { tenantId, type, payload }));
const claimIn = (scope: string[], id: string, attempts = 0, workerId = `w-${run}`) =>
  claimJob({ jobId: id, attempts, staleSeconds: 30, workerId, tenantIds: scope });
const finish = (id: string) => db.job.update({ where: { id }, data: { status: 'SUCCEEDED', finishedAt: new Date() } });

/**
 * One worker with one slot, as the worker loop runs it: messages arrive in enqueue order (and a
 * waiting job's message again after the others); each claimed job runs to the end before the
 * next message. Returns the order jobs were claimed in.
 */
async function drain(scope: string[], ids: string[]): Promise<string[]> {
  const order: string[] = [];
  let pending = [...ids];
  for (let round = 0; pending.length > 0 && round < 20; round++) {
    const again: string[] = [];
    for (const id of pending) {
      const job = await claimIn(scope, id);
      if (!job) {
        again.push(id);
        continue;
      }
      order.push(id);
      await finish(id);
    }
    pending = again;
  }
  return order;
}

describe('fair scheduling across tenants', () => {
  it("tenant A's six dry-runs do not starve tenant B's one: B's is claimed second", async () => {
    const [a, b] = [tenants[0]!, tenants[1]!];
    const as = [];
    // VERIFY jobs: six dry-runs of one tenant would be over the default dry-run quota (tested below)
    for (let i = 0; i < 6; i++) as.push((await enqueue(a, 'VERIFY', { snapshotId: `s${i}` })).id);
    const bJob = (await enqueue(b, 'VERIFY', { snapshotId: 'b' })).id;
    const order = await drain([a, b], [...as, bJob]);
    expect(order).toHaveLength(7);
    expect(order.indexOf(bJob)).toBe(1);
    expect(order[0]).toBe(as[0]);
    // A's keep their own order
    expect(order.filter((id) => id !== bJob)).toEqual(as);
  });

  it('a waiting job says why, and its heartbeat moves so the relay sends it again', async () => {
    const [c, d] = [tenants[2]!, tenants[3]!];
    const c1 = (await enqueue(c, 'VERIFY', { snapshotId: '1' })).id;
    const c2 = (await enqueue(c, 'VERIFY', { snapshotId: '2' })).id;
    const d1 = (await enqueue(d, 'VERIFY', { snapshotId: '3' })).id;
    expect(await claimIn([c, d], c1)).toMatchObject({ id: c1 });
    expect(await claimIn([c, d], c2)).toBeNull();
    const row = await db.job.findUniqueOrThrow({ where: { id: c2 } });
    expect(row.status).toBe('QUEUED');
    expect(row.heartbeatAt).not.toBeNull();
    expect(row.progress).toMatchObject({ phase: 'waiting', message: 'waiting: 1 job of other tenants ahead (fair scheduling across tenants)' });
    expect((row.conditions as TJobCondition[]).map((x) => x.type)).toEqual(['Queued', 'Waiting']);
    expect(await claimIn([c, d], d1)).toMatchObject({ id: d1 });
    // d1 runs; once c1 finished, C has nothing running and c2 goes next
    await finish(c1);
    expect(await claimIn([c, d], c2)).toMatchObject({ id: c2 });
    expect((await db.job.findUniqueOrThrow({ where: { id: c2 } })).progress).toBeNull();
    await finish(c2);
    await finish(d1);
  });
});

describe('one writer per tenant', () => {
  it('two workers racing: the second restore of a tenant waits while the first runs, then runs', async () => {
    const e = tenants[4]!;
    const r1 = (await enqueue(e, 'RESTORE', { spec: {} })).id;
    const r2 = (await enqueue(e, 'RESTORE', { spec: {} })).id;
    const [j1, j2] = await Promise.all([claimIn([e], r1, 0, 'worker-1'), claimIn([e], r2, 0, 'worker-2')]);
    // exactly one of them runs, whichever got the lock first
    expect([j1, j2].filter(Boolean)).toHaveLength(1);
    const first = (j1 ?? j2)!;
    const second = first.id === r1 ? r2 : r1;
    const waiting = await db.job.findUniqueOrThrow({ where: { id: second } });
    expect(waiting.status).toBe('QUEUED');
    expect((waiting.progress as { message: string }).message).toBe(
      `waiting: RESTORE job ${first.id} of this tenant is running (one writer per tenant at a time)`,
    );
    // An undo and a backup of the tenant wait too; a dry-run (reads only) does not.
    const undo = (await enqueue(e, 'UNDO', { restoreJobId: first.id })).id;
    const backup = (await enqueue(e, 'BACKUP', { kind: 'full' })).id;
    const dry = (await enqueue(e, 'DRY_RUN', { spec: {} })).id;
    expect(await claimIn([e], undo)).toBeNull();
    expect(await claimIn([e], backup)).toBeNull();
    expect(await claimIn([e], dry)).toMatchObject({ id: dry });
    await finish(dry);
    // the first restore finishes (through the job lifecycle): the second is claimed on its next message
    const end = await runAsJob({ job: first, heartbeatMs: 100 }, () => Promise.resolve({ ok: true, message: 'restored' }));
    expect(end.status).toBe('SUCCEEDED');
    expect(await claimIn([e], second, 0, 'worker-2')).toMatchObject({ id: second, attempts: 1 });
    // …and while it runs, the undo still waits
    expect(await claimIn([e], undo)).toBeNull();
    await finish(second);
    expect(await claimIn([e], undo)).toMatchObject({ id: undo });
    await finish(undo);
    expect(await claimIn([e], backup)).toMatchObject({ id: backup });
    await finish(backup);
  });
});

describe('per-tenant quotas', () => {
  it('refuses one dry-run over JOBS_MAX_PENDING_DRY_RUNS_PER_TENANT, naming the limit, and writes nothing', async () => {
    const q = tenants[5]!;
    const limit = env().JOBS_MAX_PENDING_DRY_RUNS_PER_TENANT;
    // An undo preview (read-only like a dry-run) takes a slot of the same quota.
    await enqueue(q, 'UNDO_PREVIEW', { requestId: 'rr-quota' });
    for (let i = 1; i < limit; i++) await enqueue(q, 'DRY_RUN', { spec: {} });
    const refused = await enqueue(q, 'DRY_RUN', { spec: {} }).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe('INVALID_INPUT');
    expect((refused as Error).message).toBe(
      `This tenant already has ${limit} dry-runs and undo previews queued or running; the limit is ${limit} (JOBS_MAX_PENDING_DRY_RUNS_PER_TENANT). Wait for one to finish or cancel one.`,
    );
    expect(await db.job.count({ where: { tenantId: q, type: 'DRY_RUN' } })).toBe(limit - 1);
    // restores have their own quota; a finished dry-run frees a slot
    await enqueue(q, 'RESTORE', { spec: {} });
    const one = await db.job.findFirstOrThrow({ where: { tenantId: q, type: 'DRY_RUN' } });
    await finish(one.id);
    await expect(enqueue(q, 'DRY_RUN', { spec: {} })).resolves.toMatchObject({ id: expect.any(String) });
  });

  it('counts concurrent requests under one lock: of many at once, only up to the limit get in', async () => {
    const q = await newTenant('race');
    const limit = env().JOBS_MAX_PENDING_RESTORES_PER_TENANT;
    const results = await Promise.allSettled(Array.from({ length: limit + 3 }, () => enqueue(q, 'UNDO', { restoreJobId: 'x' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(limit);
    expect(await db.job.count({ where: { tenantId: q, type: { in: ['RESTORE', 'UNDO'] } } })).toBe(limit);
  });
});
