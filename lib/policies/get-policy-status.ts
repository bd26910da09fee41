import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { nextRun } from './cron';
import { loadEffectivePolicy } from './load-effective-policy';

export type TPolicyStatus = {
  template: string;
  cron: string;
  timeZone: string;
  /** The next scheduled run from the effective policy (null: the expression never matches again). */
  nextRunAt: string | null;
  /** The scheduler's record of failed scheduled runs (null: no schedule state yet). */
  schedule: { failures: number; retryAt: string | null; lastError: string | null; lastSlotAt: string | null } | null;
  /** The most recent verification of any snapshot (structural or read-data), and whether it failed. */
  lastVerification: { snapshotId: string; seq: number; at: string; kind: 'structural' | 'read-data'; error: string | null } | null;
  complianceDays: number;
  heldSnapshots: number;
};

/** Dashboard facts about the tenant's policy: next run, schedule failures, last verification. */
export async function getPolicyStatus(args: { actor: TActor; tenantId: string; now?: Date }): Promise<TPolicyStatus> {
  assertCan(args.actor, 'tenant.read', args.tenantId);
  const now = args.now ?? new Date();
  const [eff, schedule, verified, held] = await Promise.all([
    loadEffectivePolicy(db, args.tenantId, now),
    db.backupSchedule.findUnique({ where: { tenantId: args.tenantId }, select: { failures: true, retryAt: true, lastError: true, lastSlotAt: true } }),
    db.snapshot.findMany({
      where: { tenantId: args.tenantId, expiredAt: null, OR: [{ verifiedAt: { not: null } }, { dataVerifiedAt: { not: null } }] },
      orderBy: [{ verifiedAt: { sort: 'desc', nulls: 'last' } }],
      take: 20,
      select: { id: true, seq: true, verifiedAt: true, dataVerifiedAt: true, verifyError: true },
    }),
    db.snapshot.count({ where: { tenantId: args.tenantId, holdReason: { not: null }, expiredAt: null } }),
  ]);
  let last: TPolicyStatus['lastVerification'] = null;
  for (const s of verified) {
    for (const [at, kind] of [
      [s.verifiedAt, 'structural'],
      [s.dataVerifiedAt, 'read-data'],
    ] as const) {
      if (at && (!last || at.getTime() > new Date(last.at).getTime()))
        last = { snapshotId: s.id, seq: s.seq, at: at.toISOString(), kind, error: s.verifyError };
    }
  }
  const { cron, timeZone } = eff.policy.schedule;
  return {
    template: eff.template.label,
    cron,
    timeZone,
    nextRunAt: nextRun(cron, timeZone, now)?.toISOString() ?? null,
    schedule: schedule
      ? {
          failures: schedule.failures,
          retryAt: schedule.retryAt?.toISOString() ?? null,
          lastError: schedule.lastError,
          lastSlotAt: schedule.lastSlotAt?.toISOString() ?? null,
        }
      : null,
    lastVerification: last,
    complianceDays: eff.complianceDays,
    heldSnapshots: held,
  };
}
