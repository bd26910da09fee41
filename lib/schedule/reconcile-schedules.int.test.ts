// The scheduler against the real catalog, with a fake clock (every pass gets its `now`): catch-up
// after downtime, racing reconcilers, schedule changes, jitter, the cluster limit and backoff.
// Scratch tenants on a cluster of their own; no job is run (outcomes are written as a worker would).
import { afterEach, describe, expect, it } from 'vitest';
import { createDbClient, db } from '@/lib/db';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { reconcileSchedules } from './reconcile-schedules';
import { jitterMs } from './schedule-math';
import { createScratch, type TScratch } from './testing/schedule-fixtures';

const at = (s: string) => new Date(s);
const MIN = 60_000;
const HOUR = 60 * MIN;
let scratch: TScratch;
afterEach(async () => scratch?.cleanup());

const schedules = (ids: readonly string[]) => db.backupSchedule.findMany({ where: { tenantId: { in: [...ids] } }, orderBy: { tenantId: 'asc' } });
const backupsPerTenant = async (ids: readonly string[]) => {
  const jobs = await db.job.groupBy({ by: ['tenantId'], where: { tenantId: { in: [...ids] }, type: 'BACKUP' }, _count: true });
  return new Map(jobs.map((j) => [j.tenantId!, j._count]));
};

describe('reconcileSchedules', () => {
  it('after three days of downtime: exactly one catch-up backup per tenant, then the next future slot', async () => {
    scratch = createScratch('catchup');
    const ids = await scratch.add(12, 'gold'); // every 4 hours
    const t0 = at('2026-12-01T00:30:00Z');
    const first = await reconcileSchedules(scratch.opts(t0));
    expect(first).toMatchObject({ tenants: 12, created: 12, enqueued: [] });
    for (const s of await schedules(ids)) {
      expect(s.nextRunAt!.getTime() - at('2026-12-01T04:00:00Z').getTime()).toBe(jitterMs(s.tenantId, 4 * HOUR, 300_000));
    }
    const back = new Date(t0.getTime() + 3 * 24 * HOUR);
    const pass = await reconcileSchedules(scratch.opts(back));
    expect(pass.enqueued).toHaveLength(12);
    expect(new Set(pass.enqueued.map((e) => e.reason))).toEqual(new Set(['catch-up']));
    expect(new Set(pass.enqueued.map((e) => e.kind))).toEqual(new Set(['full'])); // no full snapshot yet
    expect([...(await backupsPerTenant(ids)).values()]).toEqual(Array(12).fill(1));
    // idempotent: the same pass again, and a later one while the jobs are still queued, add nothing
    expect((await reconcileSchedules(scratch.opts(back))).enqueued).toEqual([]);
    expect((await reconcileSchedules(scratch.opts(new Date(back.getTime() + MIN)))).enqueued).toEqual([]);
    const job = await db.job.findFirstOrThrow({ where: { tenantId: ids[0] }, select: { payload: true, status: true } });
    expect(job).toMatchObject({ status: 'QUEUED', payload: { trigger: 'schedule', reason: 'catch-up', slotAt: '2026-12-04T00:00:00.000Z', kind: 'full' } });
    for (const s of await schedules(ids)) {
      expect(s.lastSlotAt?.toISOString()).toBe('2026-12-04T00:00:00.000Z');
      expect(s.nextRunAt!.getTime()).toBe(at('2026-12-04T04:00:00Z').getTime() + jitterMs(s.tenantId, 4 * HOUR, 300_000));
    }
    await scratch.finishQueued(ids, 'SUCCEEDED', new Date(back.getTime() + 2 * MIN));
    const settled = await reconcileSchedules(scratch.opts(new Date(back.getTime() + 3 * MIN)));
    expect(settled).toMatchObject({ outcomes: 12, enqueued: [] });
    const next = await reconcileSchedules(scratch.opts(at('2026-12-04T04:05:00Z')));
    expect(next.enqueued.map((e) => e.reason)).toEqual(Array(12).fill('slot'));
    expect([...(await backupsPerTenant(ids)).values()]).toEqual(Array(12).fill(2));
    expect((await schedules(ids)).map((s) => s.runsSinceFull)).toEqual(Array(12).fill(0)); // the catch-up was a full
  });

  it('two reconcilers racing (separate clients) never enqueue two backups of one tenant', async () => {
    scratch = createScratch('race');
    const ids = await scratch.add(30, 'silver');
    const other = createDbClient();
    try {
      const both = (now: Date) => Promise.all([reconcileSchedules(scratch.opts(now)), reconcileSchedules({ ...scratch.opts(now), client: other })]);
      await both(at('2026-12-01T10:00:00Z'));
      expect(await schedules(ids)).toHaveLength(30);
      for (let day = 2; day <= 4; day++) {
        const [a, b] = await both(at(`2026-12-0${day}T02:10:00Z`));
        expect(a.enqueued.length + b.enqueued.length).toBe(30);
        const counts = await backupsPerTenant(ids);
        expect([...counts.values()]).toEqual(Array(30).fill(day - 1));
        await scratch.finishQueued(ids, 'SUCCEEDED', at(`2026-12-0${day}T02:20:00Z`));
      }
    } finally {
      await other.$disconnect();
    }
  });

  it('a schedule change takes effect at the next run, and never cancels a run already due', async () => {
    scratch = createScratch('change');
    const [a, b] = await scratch.add(2, 'silver'); // daily 02:00
    await reconcileSchedules(scratch.opts(at('2026-12-01T10:00:00Z')));
    const before = await db.backupSchedule.findUniqueOrThrow({ where: { tenantId: a! } });
    expect(before.nextRunAt!.toISOString().slice(0, 13)).toBe('2026-12-02T02');
    await db.backupPolicy.create({ data: { tenantId: a!, overrides: { schedule: { cron: '0 * * * *' } } } });
    const changed = await reconcileSchedules(scratch.opts(at('2026-12-01T10:01:00Z')));
    expect(changed).toMatchObject({ rescheduled: 1, enqueued: [] });
    const after = await db.backupSchedule.findUniqueOrThrow({ where: { tenantId: a! } });
    expect(after.scheduleKey).toBe('0 * * * *|UTC');
    expect(after.nextRunAt!.getTime()).toBe(at('2026-12-01T11:00:00Z').getTime() + jitterMs(a!, HOUR, 300_000));
    expect((await reconcileSchedules(scratch.opts(at('2026-12-01T10:59:00Z')))).enqueued).toEqual([]);
    const run = await reconcileSchedules(scratch.opts(at('2026-12-01T11:06:00Z')));
    expect(run.enqueued.map((e) => [e.tenantId, e.reason])).toEqual([[a, 'slot']]);

    // b: its 02:00 run is due but not yet started (the limit held it back) when its schedule changes
    await scratch.finishQueued([a!], 'SUCCEEDED', at('2026-12-01T11:10:00Z'));
    const late = at('2026-12-02T02:10:00Z');
    const held = await reconcileSchedules(scratch.opts(late, { maxInFlightPerCluster: 1 })); // a's catch-up (older) takes the one place
    expect(held.enqueued.map((e) => [e.tenantId, e.reason])).toEqual([[a, 'catch-up']]);
    expect((await db.backupSchedule.findUniqueOrThrow({ where: { tenantId: b! } })).nextRunAt!.getTime()).toBeLessThan(late.getTime());
    await db.backupPolicy.create({ data: { tenantId: b!, overrides: { schedule: { cron: '0 12 * * *' } } } });
    await scratch.finishQueued([a!], 'SUCCEEDED', late);
    const catchUp = await reconcileSchedules(scratch.opts(new Date(late.getTime() + MIN), { maxInFlightPerCluster: 1 }));
    expect(catchUp.enqueued.map((e) => e.tenantId)).toEqual([b]);
    const bRow = await db.backupSchedule.findUniqueOrThrow({ where: { tenantId: b! } });
    expect(bRow.nextRunAt!.getTime()).toBe(at('2026-12-02T12:00:00Z').getTime() + jitterMs(b!, 24 * HOUR, 300_000));
  });

  it('jitter spreads 100 tenants on the same minute over the jitter window, the same on every pass', async () => {
    scratch = createScratch('jitter');
    const ids = await scratch.add(100, 'silver');
    await reconcileSchedules(scratch.opts(at('2026-12-01T10:00:00Z')));
    const slot = at('2026-12-02T02:00:00Z').getTime();
    const offsets = (await schedules(ids)).map((s) => (s.nextRunAt!.getTime() - slot) / 1000);
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...offsets)).toBeLessThan(300);
    expect(Math.max(...offsets) - Math.min(...offsets)).toBeGreaterThan(240);
    // bounds from 5,000 simulated draws of 100 random ids (worst seen: 72 distinct, 25 in a bucket, 39 by 02:01);
    // without jitter all 100 would share one second
    expect(new Set(offsets).size).toBeGreaterThan(60);
    const buckets = new Map<number, number>();
    for (const o of offsets) buckets.set(Math.floor(o / 30), (buckets.get(Math.floor(o / 30)) ?? 0) + 1);
    expect(Math.max(...buckets.values())).toBeLessThanOrEqual(32); // 10 expected per 30 s
    // and at 02:01 only those whose offset has passed start
    const early = await reconcileSchedules(scratch.opts(new Date(slot + 60_000)));
    expect(early.enqueued).toHaveLength(offsets.filter((o) => o <= 60).length);
    expect(early.enqueued.length).toBeLessThan(50);
  });

  it('holds the per-cluster limit, oldest due first, and never a second backup of a tenant with one in flight', async () => {
    scratch = createScratch('limit');
    const ids = await scratch.add(10, 'gold');
    await reconcileSchedules(scratch.opts(at('2026-12-01T00:30:00Z')));
    const byDue = (await schedules(ids)).sort((x, y) => x.nextRunAt!.getTime() - y.nextRunAt!.getTime()).map((s) => s.tenantId);
    // an on-demand backup of the tenant that would be first: it counts against the limit and is not doubled
    await db.$transaction((tx) => enqueueJob(tx, { tenantId: byDue[0]!, type: 'BACKUP', payload: { kind: 'auto', trigger: 'on-demand' } }));
    const now = at('2026-12-01T05:00:00Z');
    const limit = { maxInFlightPerCluster: 4 };
    const p1 = await reconcileSchedules(scratch.opts(now, limit));
    expect(p1.due).toBe(10);
    expect(p1.enqueued.map((e) => e.tenantId)).toEqual(byDue.slice(1, 4));
    expect(p1.deferred).toBe(7);
    expect((await reconcileSchedules(scratch.opts(new Date(now.getTime() + MIN), limit))).enqueued).toEqual([]);
    await scratch.finishQueued(byDue.slice(0, 2), 'SUCCEEDED', new Date(now.getTime() + 2 * MIN));
    const p3 = await reconcileSchedules(scratch.opts(new Date(now.getTime() + 3 * MIN), limit));
    expect(p3.enqueued.map((e) => e.tenantId)).toEqual([byDue[0], byDue[4]]);
    const inFlight = await db.job.count({ where: { tenantId: { in: ids }, status: { in: ['QUEUED', 'RUNNING'] } } });
    expect(inFlight).toBe(4);
    expect([...(await backupsPerTenant(ids)).values()].every((n) => n <= 2)).toBe(true);
  });

  it('retries a failed scheduled backup with exponential backoff, never past the next slot, and resets on success', async () => {
    scratch = createScratch('backoff');
    const [id] = await scratch.add(1, 'gold');
    await reconcileSchedules(scratch.opts(at('2026-12-01T00:30:00Z')));
    const t1 = at('2026-12-01T04:06:00Z');
    expect((await reconcileSchedules(scratch.opts(t1))).enqueued).toHaveLength(1);
    await scratch.finishQueued([id!], 'FAILED', at('2026-12-01T04:10:00Z'), 'mongo unreachable');
    expect((await reconcileSchedules(scratch.opts(at('2026-12-01T04:11:00Z')))).outcomes).toBe(1);
    let row = await db.backupSchedule.findUniqueOrThrow({ where: { tenantId: id! } });
    expect(row).toMatchObject({ failures: 1, lastError: 'mongo unreachable', lastOutcome: 'failed', retryAt: at('2026-12-01T04:15:00Z') });
    expect((await reconcileSchedules(scratch.opts(at('2026-12-01T04:14:59Z')))).enqueued).toEqual([]);
    const retry = await reconcileSchedules(scratch.opts(at('2026-12-01T04:15:00Z')));
    expect(retry.enqueued.map((e) => e.reason)).toEqual(['retry']);
    row = await db.backupSchedule.findUniqueOrThrow({ where: { tenantId: id! } });
    expect(row.nextRunAt!.getTime()).toBe(at('2026-12-01T08:00:00Z').getTime() + jitterMs(id!, 4 * HOUR, 300_000)); // the slot is unchanged
    await scratch.finishQueued([id!], 'FAILED', at('2026-12-01T04:20:00Z'), 'still unreachable');
    await reconcileSchedules(scratch.opts(at('2026-12-01T04:21:00Z')));
    row = await db.backupSchedule.findUniqueOrThrow({ where: { tenantId: id! } });
    expect(row).toMatchObject({ failures: 2, retryAt: at('2026-12-01T04:30:00Z'), lastError: 'still unreachable' });
    // a third failure with a base of 2 h would retry after 8 h, past the 08:00 slot: the slot is the retry
    await reconcileSchedules(scratch.opts(at('2026-12-01T04:30:00Z')));
    await scratch.finishQueued([id!], 'FAILED', at('2026-12-01T04:35:00Z'), 'down');
    await reconcileSchedules(scratch.opts(at('2026-12-01T04:36:00Z'), { retryBaseMs: 2 * HOUR, retryMaxMs: 24 * HOUR }));
    row = await db.backupSchedule.findUniqueOrThrow({ where: { tenantId: id! } });
    expect(row).toMatchObject({ failures: 3, retryAt: null });
    const slot = await reconcileSchedules(scratch.opts(at('2026-12-01T08:06:00Z')));
    expect(slot.enqueued.map((e) => e.reason)).toEqual(['slot']);
    await scratch.finishQueued([id!], 'SUCCEEDED', at('2026-12-01T08:10:00Z'));
    await reconcileSchedules(scratch.opts(at('2026-12-01T08:11:00Z')));
    row = await db.backupSchedule.findUniqueOrThrow({ where: { tenantId: id! } });
    expect(row).toMatchObject({ failures: 0, retryAt: null, lastError: null, lastOutcome: 'succeeded' });
  });

  it('chooses full or incremental from the policy: every N scheduled runs, or when the last full is D days old', async () => {
    scratch = createScratch('kind');
    const [everyThird] = await scratch.add(1, 'gold', { schedule: { fullEveryRuns: 3, fullEveryDays: 0 } });
    const [aged] = await scratch.add(1, 'gold', { schedule: { fullEveryRuns: 90, fullEveryDays: 1 } });
    for (const tenantId of [everyThird!, aged!])
      await db.snapshot.create({ data: { tenantId, seq: 1, kind: 'FULL', status: 'COMPLETED', finishedAt: at('2026-12-01T00:00:00Z') } });
    await reconcileSchedules(scratch.opts(at('2026-12-01T00:30:00Z')));
    const kinds: Record<string, string[]> = { [everyThird!]: [], [aged!]: [] };
    for (const hour of ['04', '08', '12', '16', '20']) {
      const pass = await reconcileSchedules(scratch.opts(at(`2026-12-02T${hour}:06:00Z`)));
      for (const e of pass.enqueued) kinds[e.tenantId]!.push(e.kind);
      await scratch.finishQueued(scratch.ids, 'SUCCEEDED', at(`2026-12-02T${hour}:30:00Z`));
    }
    // the first pass of the day is a catch-up; after the third scheduled run since the full, a full again
    expect(kinds[everyThird!]).toEqual(['incremental', 'incremental', 'full', 'incremental', 'incremental']);
    // the last full (Dec 1, 00:00) is over a day old on Dec 2: full; the scheduled full is a fake job
    // without a snapshot row, so the catalog's last full stays Dec 1 and every run is full
    expect(kinds[aged!]).toEqual(['full', 'full', 'full', 'full', 'full']);
  });
});
