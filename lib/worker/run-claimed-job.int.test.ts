import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, type JobType, type Prisma } from '@/lib/db';
import { claimJob } from '@/lib/jobs/claim-job';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import type { TJobCondition } from '@/lib/jobs/job-conditions';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { JOB_HANDLERS, routeOf, type TJobRoute } from './job-handlers';
import { startClaimedJob } from './run-claimed-job';

// The worker's routing, in process against the real catalog: handlers that never reach the
// engine (unknown requests, bad payloads, routes without a handler).
const run = randomBytes(4).toString('hex');
let tenantId: string;
const log = pino({ level: 'silent' });
const noEngine = {} as TEngineContext;

beforeAll(async () => {
  tenantId = (
    await db.tenant.create({
      data: { slug: `it-route-${run}`, name: 'route', region: 'test', costCenter: 'T', tenancyModel: 'DATABASE', database: `it_route_${run}` },
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

describe('startClaimedJob', () => {
  async function runToEnd(type: JobType, payload: Prisma.InputJsonValue) {
    const { id } = await enqueue(type, payload);
    const job = (await claim(id))!;
    await startClaimedJob({ job, ctx: noEngine, log, heartbeatMs: 200 }).done;
    return db.job.findUniqueOrThrow({ where: { id } });
  }

  it('routes governed RESTORE / UNDO {requestId} to the request lifecycle (an unknown request fails clearly)', async () => {
    expect(routeOf({ type: 'RESTORE', payload: { requestId: 'r1' } })).toBe('RESTORE_REQUEST');
    expect(routeOf({ type: 'RESTORE', payload: { spec: {} } })).toBe('RESTORE');
    const row = await runToEnd('RESTORE', { requestId: 'req-1' });
    expect(row.status).toBe('FAILED');
    expect(row.error).toMatch(/No such restore request/);
    expect(row.finishedAt).not.toBeNull();
    const undo = await runToEnd('UNDO', { requestId: 'req-1' });
    expect(routeOf({ type: 'UNDO', payload: { requestId: 'r1' } })).toBe('UNDO_REQUEST');
    expect(undo.status).toBe('FAILED');
    expect(undo.error).toMatch(/No such restore request req-1/);
  });

  it('fails a job whose payload does not parse, naming the field', async () => {
    const row = await runToEnd('BACKUP', { kind: 'weekly' });
    expect(row.status).toBe('FAILED');
    expect(row.error).toMatch(/invalid BACKUP payload: kind/);
    const verify = await runToEnd('VERIFY', {});
    expect(verify.error).toMatch(/invalid VERIFY payload: snapshotId/);
    expect((verify.conditions as TJobCondition[]).map((c) => c.type)).toEqual(['Queued', 'Claimed', 'Running', 'Failed']);
  });

  it('every route has a handler (GC, TIER and UNDO_PREVIEW included)', () => {
    const routes: TJobRoute[] = ['BACKUP', 'DRY_RUN', 'RESTORE', 'RESTORE_REQUEST', 'VERIFY', 'UNDO', 'UNDO_REQUEST', 'UNDO_PREVIEW', 'GC', 'TIER'];
    expect(Object.keys(JOB_HANDLERS).sort()).toEqual([...routes].sort());
  });
});
