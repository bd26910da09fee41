import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, type JobType, type Prisma } from '@/lib/db';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { claimJob } from './claim-job';
import { enqueueJob } from './enqueue-job';
import type { TJobCondition } from './job-conditions';
import { routeOf } from './job-handlers';
import { startClaimedJob } from './run-claimed-job';

// Claiming and running against the real catalog, in process: handlers that never reach the
// engine (governed restores not wired here, bad payloads), the atomic claim, stale takeover.
const run = randomBytes(4).toString('hex');
let tenantId: string;
const log = pino({ level: 'silent' });
const noEngine = {} as TEngineContext;

beforeAll(async () => {
  tenantId = (await db.tenant.create({ data: { slug: `it-claim-${run}`, name: 'claim', region: 'test', costCenter: 'T', tenancyModel: 'DATABASE', database: `it_claim_${run}` } })).id;
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

describe('startClaimedJob', () => {
  async function runToEnd(type: JobType, payload: Prisma.InputJsonValue) {
    const { id } = await enqueue(type, payload);
    const job = (await claim(id))!;
    await startClaimedJob({ job, ctx: noEngine, log, heartbeatMs: 200 }).done;
    return db.job.findUniqueOrThrow({ where: { id } });
  }

  it('routes a governed RESTORE {requestId} to the request lifecycle (an unknown request fails clearly); UNDO {requestId} is not wired', async () => {
    expect(routeOf({ type: 'RESTORE', payload: { requestId: 'r1' } })).toBe('RESTORE_REQUEST');
    expect(routeOf({ type: 'RESTORE', payload: { spec: {} } })).toBe('RESTORE');
    const row = await runToEnd('RESTORE', { requestId: 'req-1' });
    expect(row.status).toBe('FAILED');
    expect(row.error).toMatch(/No such restore request/);
    expect(row.finishedAt).not.toBeNull();
    const undo = await runToEnd('UNDO', { requestId: 'req-1' });
    expect(undo.error).toMatch(/not wired in this build/);
  });

  it('fails a job whose payload does not parse, naming the field', async () => {
    const row = await runToEnd('BACKUP', { kind: 'weekly' });
    expect(row.status).toBe('FAILED');
    expect(row.error).toMatch(/invalid BACKUP payload: kind/);
    const verify = await runToEnd('VERIFY', {});
    expect(verify.error).toMatch(/invalid VERIFY payload: snapshotId/);
    const gc = await runToEnd('GC', {});
    expect(gc.error).toMatch(/no handler is registered for GC jobs/);
    expect((gc.conditions as TJobCondition[]).map((c) => c.type)).toEqual(['Queued', 'Claimed', 'Failed']);
  });
});
