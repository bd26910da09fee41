import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { loadEffectivePolicy } from '@/lib/policies/load-effective-policy';
import { createCronMemo, jitterMs, plannedStart, rpoTargetSeconds, scheduleKeyOf } from './schedule-math';

export type TScheduleStatus = {
  cron: string;
  timeZone: string;
  /** The tenant is active: inactive tenants are not scheduled. */
  isActive: boolean;
  /** When the next scheduled backup starts (slot + this tenant's jitter); null when none will. */
  nextRunAt: string | null;
  /** The next run comes from a retry after a failure (before the next slot). */
  isRetryNext: boolean;
  jitterSeconds: number;
  /** The reconciler has planned the current schedule (false: it will at its next pass, as shown). */
  isPlanned: boolean;
  lastSlotAt: string | null;
  lastRun: { jobId: string; status: string; queuedAt: string; finishedAt: string | null; error: string | null } | null;
  /** succeeded | failed | cancelled | missing, once recorded; null while running or before the first run. */
  lastOutcome: string | null;
  failures: number;
  retryAt: string | null;
  lastError: string | null;
  runsSinceFull: number;
  rpoTargetSeconds: number | null;
  now: string;
};

/** The tenant's schedule as the portal shows it: next run, last outcome, failures, retry, last error. */
export async function getScheduleStatus(args: { actor: TActor; tenantId: string; now?: Date }): Promise<TScheduleStatus> {
  assertCan(args.actor, 'snapshots.read', args.tenantId);
  const now = args.now ?? new Date();
  const tenantId = args.tenantId;
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { status: true, backupSchedule: true } });
  if (!tenant) throw new AppError('NOT_FOUND', 'No such tenant.');
  const { policy } = await loadEffectivePolicy(db, tenantId, now);
  const spec = policy.schedule;
  const row = tenant.backupSchedule;
  const lastJob = row?.lastJobId
    ? await db.job.findFirst({
        where: { id: row.lastJobId, tenantId },
        select: { id: true, status: true, createdAt: true, finishedAt: true, error: true },
      })
    : null;
  const maxJitterMs = env().SCHEDULER_MAX_JITTER_SECONDS * 1000;
  const memo = createCronMemo(now);
  const isPlanned = Boolean(row && row.scheduleKey === scheduleKeyOf(spec) && row.nextRunAt);
  const slotRun = isPlanned ? row!.nextRunAt : plannedStart(memo, spec, tenantId, maxJitterMs);
  const retryAt = row?.retryAt ?? null;
  const isRetryNext = Boolean(retryAt && (!slotRun || retryAt < slotRun));
  const next = isRetryNext ? retryAt : slotRun;
  const isActive = tenant.status === 'ACTIVE';
  return {
    cron: spec.cron,
    timeZone: spec.timeZone,
    isActive,
    nextRunAt: isActive && next ? next.toISOString() : null,
    isRetryNext,
    jitterSeconds: jitterMs(tenantId, memo.shortestInterval(spec), maxJitterMs) / 1000,
    isPlanned,
    lastSlotAt: row?.lastSlotAt?.toISOString() ?? null,
    lastRun: lastJob
      ? {
          jobId: lastJob.id,
          status: lastJob.status,
          queuedAt: lastJob.createdAt.toISOString(),
          finishedAt: lastJob.finishedAt?.toISOString() ?? null,
          error: lastJob.error?.slice(0, 300) ?? null,
        }
      : null,
    lastOutcome: row?.lastOutcome ?? null,
    failures: row?.failures ?? 0,
    retryAt: retryAt?.toISOString() ?? null,
    lastError: row?.lastError?.slice(0, 300) ?? null,
    runsSinceFull: row?.runsSinceFull ?? 0,
    rpoTargetSeconds: rpoTargetSeconds(spec, now),
    now: now.toISOString(),
  };
}
