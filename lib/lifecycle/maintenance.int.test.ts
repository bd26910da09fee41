import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { runAsJob } from '@/lib/jobs/run-as-job';
import { startJobHere } from '@/lib/jobs/start-job-here';
import { createEngineContext, type TEngineContext } from '@/lib/vault/engine-context';
import { JOB_HANDLERS } from '@/lib/worker/job-handlers';
import { afterBackup } from './after-backup';
import { maintainTenant } from './run-maintenance-pass';
import { dueForDataVerification } from './plan-data-verification';
import { createScratchTenant, type TScratchTenant } from './testing/scratch-tenant';

// The worker's lifecycle steps with the real catalog and the local S3 server: the structural
// verify + retention pass after a backup, the maintenance pass (GC job once per period, the
// read-data VERIFY jobs due today, never twice), and the VERIFY handler recording its outcome on
// the snapshot (a missing pack → verify_error naming the snapshot and the object).
let ctx: TEngineContext;
let t: TScratchTenant;
const ids: string[] = [];
const log = pino({ level: 'silent' });

async function verifyJob(snapshotId: string) {
  const job = await startJobHere({ tenantId: t.tenantId, type: 'VERIFY', payload: { snapshotId, level: 'read-data' }, origin: 'test' });
  return runAsJob({ job, heartbeatMs: 2_000 }, (run) => JOB_HANDLERS.VERIFY!({ job: { ...job, tenantId: t.tenantId }, ctx, run, log }));
}

beforeAll(async () => {
  ctx = await createEngineContext();
  ctx.options = { targetPackBytes: 8 * 1024, frameBytes: 2 * 1024, entriesPerSegment: 32 };
  t = await createScratchTenant(ctx, { label: 'maint', documents: 120 });
}, 120_000);

afterAll(async () => {
  await t?.cleanup();
  await ctx?.close();
  await db.$disconnect();
}, 120_000);

describe('lifecycle maintenance', () => {
  it('after each backup: structural verify recorded, retention pass applied', { timeout: 180_000 }, async () => {
    await db.backupPolicy.update({
      where: { tenantId: t.tenantId },
      data: { overrides: { retention: { keepLast: 3, daily: 0, weekly: 0, monthly: 0, yearly: 0, minAgeDays: 0 } } },
    });
    for (let i = 0; i < 4; i++) {
      await t.mutate(i + 1);
      const id = await t.backup(i === 0 ? 'full' : 'auto');
      ids.push(id);
      const job = await startJobHere({ tenantId: t.tenantId, type: 'BACKUP', payload: {}, origin: 'test' });
      await runAsJob({ job, heartbeatMs: 2_000 }, async (run) => {
        await afterBackup({ ctx, tenantId: t.tenantId, snapshotId: id, run, log });
        return { ok: true };
      });
    }
    const rows = await db.snapshot.findMany({ where: { tenantId: t.tenantId }, orderBy: { seq: 'asc' } });
    expect(rows.every((r) => r.verifiedAt !== null && r.verifyError === null)).toBe(true);
    expect(rows.map((r) => r.expiredAt !== null)).toEqual([true, false, false, false]);
    expect(rows[0]!.expiryReason).toBe('not kept by the rule');
  });

  it('the maintenance pass enqueues GC once and the due read-data VERIFY jobs once', { timeout: 60_000 }, async () => {
    // A month on (default template: a 30-day window), every live snapshot is overdue for a read-data verification.
    const now = new Date(Date.now() + 31 * 86_400_000);
    const live = await db.snapshot.findMany({
      where: { tenantId: t.tenantId, expiredAt: null },
      select: { id: true, consistentAt: true, dataVerifiedAt: true },
    });
    expect(dueForDataVerification({ snapshots: live.map((s) => ({ ...s, consistentAt: s.consistentAt! })), now, windowDays: 30 }).sort()).toEqual(
      live.map((s) => s.id).sort(),
    );
    const first = await maintainTenant({ tenantId: t.tenantId, now });
    expect(first.gcJobId).not.toBeNull();
    expect(first.verifyJobIds).toHaveLength(live.length);
    const queued = await db.job.findMany({ where: { tenantId: t.tenantId, type: 'VERIFY', status: 'QUEUED' }, select: { payload: true } });
    expect(queued.map((j) => (j.payload as { snapshotId: string }).snapshotId).sort()).toEqual(live.map((s) => s.id).sort());
    expect(await db.job.count({ where: { tenantId: t.tenantId, type: 'GC', status: 'QUEUED' } })).toBe(1);
    // A second pass: no second GC job, no VERIFY job twice.
    const second = await maintainTenant({ tenantId: t.tenantId, now });
    expect(second.gcJobId).toBeNull();
    expect(second.verifyJobIds).toEqual([]);
    await db.job.updateMany({ where: { tenantId: t.tenantId, status: 'QUEUED' }, data: { status: 'CANCELLED' } });
  });

  it('a VERIFY job records data_verified_at, or verify_error naming the snapshot and the missing object', { timeout: 120_000 }, async () => {
    const id = ids[3]!;
    const ok = await verifyJob(id);
    expect(ok.status).toBe('SUCCEEDED');
    const good = await db.snapshot.findUniqueOrThrow({ where: { id } });
    expect(good.dataVerifiedAt).not.toBeNull();
    expect(good.verifyError).toBeNull();

    const pack = (await t.objectKeys()).find((k) => k.includes('/packs/'))!;
    const saved = await ctx.store.get(pack);
    await ctx.store.delete(pack);
    try {
      // Some live snapshot needs that pack; every one of them must now fail and say so.
      const failures: string[] = [];
      for (const s of ids.slice(1)) {
        const end = await verifyJob(s);
        const row = await db.snapshot.findUniqueOrThrow({ where: { id: s } });
        if (end.status === 'FAILED') {
          expect(row.verifyError).toContain(`snapshot ${s}`);
          expect(row.verifyError).toContain(pack);
          failures.push(s);
        } else expect(row.verifyError).toBeNull();
      }
      expect(failures.length).toBeGreaterThan(0);
      expect(await db.auditEvent.count({ where: { tenantId: t.tenantId, action: 'snapshot.verify_failed' } })).toBe(failures.length);
    } finally {
      await ctx.store.put(pack, saved);
    }
    // Repaired: the next verification clears the error.
    expect((await verifyJob(ids[3]!)).status).toBe('SUCCEEDED');
    expect((await db.snapshot.findUniqueOrThrow({ where: { id: ids[3]! } })).verifyError).toBeNull();
  });
});
