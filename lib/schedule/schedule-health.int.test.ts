// What the portal reads from the schedule, against the real catalog with a fake clock: backup
// health judged by the tenant's own schedule, a failed verification naming the snapshot, and the
// schedule status (next run, last outcome, failures, retry, last error).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { loadActor } from '@/lib/session/get-current-actor';
import { getBackupHealth } from '@/lib/snapshots/get-backup-health';
import { getScheduleStatus } from './get-schedule-status';
import { reconcileSchedules } from './reconcile-schedules';
import { createScratch } from './testing/schedule-fixtures';

const HOUR = 3_600_000;
const hex = randomBytes(3).toString('hex');
const scratch = createScratch('health');
const now = new Date('2026-12-03T10:00:00Z');
let gold = '';
let weekly = '';
let actor: TActor;
let outsider: TActor;
const slugOf = async (id: string) => (await db.tenant.findUniqueOrThrow({ where: { id }, select: { slug: true } })).slug;
const snapshot = (tenantId: string, seq: number, ageMs: number, extra: Record<string, unknown> = {}) =>
  db.snapshot.create({
    data: {
      tenantId,
      seq,
      kind: 'FULL',
      status: 'COMPLETED',
      consistentAt: new Date(now.getTime() - ageMs),
      finishedAt: new Date(now.getTime() - ageMs),
      ...extra,
    },
  });

beforeAll(async () => {
  gold = (await scratch.add(1, 'gold'))[0]!; // every 4 hours
  weekly = (await scratch.add(1, 'bronze', { schedule: { cron: '0 3 * * 0' } }))[0]!; // Sundays 03:00
  const user = await db.user.create({
    data: {
      email: `sch-${hex}@it.example`,
      name: 'scheduler test',
      memberships: { create: [gold!, weekly!].map((tenantId) => ({ tenantId, role: 'TENANT_VIEWER' as const })) },
    },
  });
  actor = (await loadActor(user.id))!;
  const other = await db.user.create({ data: { email: `sch-out-${hex}@it.example`, name: 'outsider' } });
  outsider = (await loadActor(other.id))!;
});

afterAll(async () => {
  await scratch.cleanup();
  await db.user.deleteMany({ where: { email: { endsWith: `${hex}@it.example` } } });
});

describe('health from the schedule', () => {
  it('a 4-hourly tenant is stale after ~5 h; a weekly one is not after 2 days', async () => {
    await snapshot(gold!, 1, 5 * HOUR + 60_000);
    await snapshot(weekly!, 1, 48 * HOUR);
    const g = await getBackupHealth({ actor, slug: await slugOf(gold!), now });
    expect(g).toMatchObject({ state: 'stale', rpoTargetSeconds: 5 * 3600, verifyFailure: null });
    expect(g.rpo).toMatchObject({ state: 'missed', targetSeconds: 5 * 3600, overBySeconds: 60 });
    const w = await getBackupHealth({ actor, slug: await slugOf(weekly!), now });
    expect(w).toMatchObject({ state: 'healthy', rpoTargetSeconds: 210 * 3600 });
    expect(w.rpo).toMatchObject({ state: 'met', targetSeconds: 210 * 3600 });
    await snapshot(gold!, 2, 4 * HOUR);
    const g2 = await getBackupHealth({ actor, slug: await slugOf(gold!), now });
    expect(g2.state).toBe('healthy');
    expect(g2.rpo.state).toBe('met');
  });

  it('a kept snapshot that failed verification makes the tenant failing and is named; an expired one does not', async () => {
    await snapshot(weekly!, 2, 60 * HOUR, { verifyError: 'pack 3f2a: checksum mismatch', expiredAt: now });
    expect((await getBackupHealth({ actor, slug: await slugOf(weekly!), now })).state).toBe('healthy');
    const bad = await snapshot(weekly!, 3, 24 * HOUR, { verifyError: 'pack 9c1d: missing' });
    const w = await getBackupHealth({ actor, slug: await slugOf(weekly!), now });
    expect(w.state).toBe('failing');
    expect(w.verifyFailure).toEqual({ id: bad.id, seq: 3, error: 'pack 9c1d: missing' });
  });
});

describe('a backup in flight', () => {
  it('shows the queued, then the running backup with its progress, and nothing once it finished', async () => {
    const slug = await slugOf(weekly!);
    expect((await getBackupHealth({ actor, slug, now })).activeBackup).toBeNull();
    const job = await db.job.create({ data: { tenantId: weekly!, type: 'BACKUP', status: 'QUEUED', payload: { kind: 'auto' } } });
    expect((await getBackupHealth({ actor, slug, now })).activeBackup).toMatchObject({ jobId: job.id, status: 'QUEUED', startedAt: null, documentsDone: null });
    await db.job.update({
      where: { id: job.id },
      data: { status: 'RUNNING', startedAt: now, progress: { phase: 'scanning', documents: { done: 120, total: 400 } } },
    });
    expect((await getBackupHealth({ actor, slug, now })).activeBackup).toMatchObject({
      jobId: job.id,
      status: 'RUNNING',
      phase: 'scanning',
      documentsDone: 120,
      documentsTotal: 400,
    });
    // another tenant's running backup is not this tenant's
    expect((await getBackupHealth({ actor, slug: await slugOf(gold!), now })).activeBackup).toBeNull();
    await db.job.update({ where: { id: job.id }, data: { status: 'SUCCEEDED', finishedAt: now } });
    expect((await getBackupHealth({ actor, slug, now })).activeBackup).toBeNull();
  });
});

describe('getScheduleStatus', () => {
  it('shows the next run before and after planning, then a failure with its retry and error', async () => {
    const before = await getScheduleStatus({ actor, tenantId: gold!, now });
    expect(before).toMatchObject({ cron: '0 */4 * * *', isPlanned: false, failures: 0, lastRun: null, lastOutcome: null });
    expect(before.nextRunAt!.slice(0, 13)).toBe('2026-12-03T12');
    await reconcileSchedules(scratch.opts(now));
    const planned = await getScheduleStatus({ actor, tenantId: gold!, now });
    expect(planned).toMatchObject({ isPlanned: true, nextRunAt: before.nextRunAt, jitterSeconds: before.jitterSeconds });
    const slotPass = await reconcileSchedules(scratch.opts(new Date(now.getTime() + 2 * HOUR + 6 * 60_000)));
    expect(slotPass.enqueued.map((e) => e.tenantId)).toEqual([gold]);
    await scratch.finishQueued([gold!], 'FAILED', new Date(now.getTime() + 2 * HOUR + 10 * 60_000), 'connection refused');
    const later = new Date(now.getTime() + 2 * HOUR + 11 * 60_000);
    await reconcileSchedules(scratch.opts(later));
    const failed = await getScheduleStatus({ actor, tenantId: gold!, now: later });
    expect(failed).toMatchObject({
      failures: 1,
      lastOutcome: 'failed',
      lastError: 'connection refused',
      isRetryNext: true,
      retryAt: '2026-12-03T12:15:00.000Z',
      nextRunAt: '2026-12-03T12:15:00.000Z',
      lastRun: { status: 'FAILED', error: 'connection refused' },
    });
    expect((await getBackupHealth({ actor, slug: await slugOf(gold!), now: later })).state).toBe('failing');
    await expect(getScheduleStatus({ actor: outsider, tenantId: gold! })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
