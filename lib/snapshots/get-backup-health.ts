import 'server-only';
import { can, type TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { loadEffectivePolicy } from '@/lib/policies/load-effective-policy';
import { rpoTargetSeconds } from '@/lib/schedule/schedule-math';
import { getTenantForActorOrThrow } from '@/lib/tenants/get-tenant-for-actor';
import { classifyBackupHealth, type TBackupHealthState } from './classify-backup-health';
import { describeRpo, type TRpoStatus } from './describe-rpo';
import { SNAPSHOT_MARKER_SELECT, toSnapshotMarker, type TSnapshotMarker } from './snapshot-marker';

const FAILURE_WINDOW_DAYS = 7;

export type TRecentRestoreActivity = {
  id: string;
  kind: 'request' | 'job';
  /** DRY_RUN / RESTORE / UNDO for a job, null for a request */
  jobType: string | null;
  label: string;
  status: string;
  at: string;
};

/** A backup of the tenant queued or running now (it has no snapshot row until it completes). */
export type TActiveBackup = {
  jobId: string;
  status: 'QUEUED' | 'RUNNING';
  queuedAt: string;
  startedAt: string | null;
  phase: string | null;
  documentsDone: number | null;
  /** the previous snapshot's document count: an estimate (null for a first backup) */
  documentsTotal: number | null;
};

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function toActiveBackup(j: { id: string; status: string; createdAt: Date; startedAt: Date | null; progress: unknown }): TActiveBackup {
  const p = (j.progress && typeof j.progress === 'object' ? j.progress : {}) as { phase?: unknown; documents?: { done?: unknown; total?: unknown } };
  return {
    jobId: j.id,
    status: j.status === 'RUNNING' ? 'RUNNING' : 'QUEUED',
    queuedAt: j.createdAt.toISOString(),
    startedAt: j.startedAt?.toISOString() ?? null,
    phase: typeof p.phase === 'string' ? p.phase : null,
    documentsDone: num(p.documents?.done),
    documentsTotal: num(p.documents?.total),
  };
}

export type TBackupHealth = {
  state: TBackupHealthState;
  lastSuccess: { id: string; seq: number; at: string } | null;
  recoveryPointAgeSeconds: number | null;
  failuresLast7Days: number;
  /** The tenant's RPO target: its schedule's longest interval plus slack (null: the schedule never runs). */
  rpoTargetSeconds: number | null;
  /** The recovery point age against that target, in words for the dashboard. */
  rpo: TRpoStatus;
  /** The newest kept snapshot whose last verification failed (health is then failing). */
  verifyFailure: { id: string; seq: number; error: string } | null;
  /** The scheduler's view: consecutive failed scheduled runs, the retry time and the last error. */
  schedule: { nextRunAt: string | null; failures: number; retryAt: string | null; lastError: string | null } | null;
  lastFailure: { id: string; at: string; error: string | null } | null;
  activeBackup: TActiveBackup | null;
  storedBytes: number;
  completedSnapshots: number;
  recentSnapshots: TSnapshotMarker[];
  recentRestores: TRecentRestoreActivity[];
  now: string;
};

const JOB_LABEL: Record<string, string> = { DRY_RUN: 'Dry-run', RESTORE: 'Restore', UNDO: 'Undo' };

/** The dashboard's backup picture of one tenant: health (against its own schedule's RPO), recovery point, verification, storage, recent activity. */
export async function getBackupHealth(args: { actor: TActor; slug: string; now?: Date }): Promise<TBackupHealth> {
  const tenant = await getTenantForActorOrThrow({ actor: args.actor, slug: args.slug, permission: 'snapshots.read' });
  assertCan(args.actor, 'snapshots.read', tenant.id);
  const now = args.now ?? new Date();
  const since = new Date(now.getTime() - FAILURE_WINDOW_DAYS * 86_400_000);
  const tenantId = tenant.id;
  const canReadRestores = can(args.actor, 'restores.read', tenantId);
  const [effective, verifyFailure, schedule, lastSuccess, lastFinished, failures, lastFailure, storage, completed, recent, requests, jobs, active] =
    await Promise.all([
      loadEffectivePolicy(db, tenantId, now),
      db.snapshot.findFirst({
        where: { tenantId, expiredAt: null, verifyError: { not: null } },
        orderBy: { seq: 'desc' },
        select: { id: true, seq: true, verifyError: true },
      }),
      db.backupSchedule.findUnique({ where: { tenantId }, select: { nextRunAt: true, failures: true, retryAt: true, lastError: true } }),
      db.snapshot.findFirst({
        where: { tenantId, status: 'COMPLETED' },
        orderBy: { seq: 'desc' },
        select: { id: true, seq: true, consistentAt: true, finishedAt: true, startedAt: true },
      }),
      db.snapshot.findFirst({ where: { tenantId, status: { in: ['COMPLETED', 'FAILED'] } }, orderBy: { seq: 'desc' }, select: { status: true } }),
      db.snapshot.count({ where: { tenantId, status: 'FAILED', startedAt: { gte: since } } }),
      db.snapshot.findFirst({ where: { tenantId, status: 'FAILED' }, orderBy: { seq: 'desc' }, select: { id: true, startedAt: true, error: true } }),
      db.snapshotCollection.aggregate({ where: { tenantId }, _sum: { storedBytes: true } }),
      db.snapshot.count({ where: { tenantId, status: 'COMPLETED' } }),
      db.snapshot.findMany({ where: { tenantId }, orderBy: { seq: 'desc' }, take: 6, select: SNAPSHOT_MARKER_SELECT }),
      canReadRestores
        ? db.restoreRequest.findMany({
            where: { tenantId },
            orderBy: { createdAt: 'desc' },
            take: 5,
            select: { id: true, status: true, createdAt: true, reason: true },
          })
        : Promise.resolve([]),
      canReadRestores
        ? db.job.findMany({
            where: { tenantId, type: { in: ['DRY_RUN', 'RESTORE', 'UNDO'] } },
            orderBy: { createdAt: 'desc' },
            take: 5,
            select: { id: true, type: true, status: true, createdAt: true },
          })
        : Promise.resolve([]),
      db.job.findFirst({
        where: { tenantId, type: 'BACKUP', status: { in: ['QUEUED', 'RUNNING'] } },
        orderBy: [{ status: 'desc' }, { createdAt: 'asc' }],
        select: { id: true, status: true, createdAt: true, startedAt: true, progress: true },
      }),
    ]);
  const rpoTarget = rpoTargetSeconds(effective.policy.schedule, now);
  const pointAt = lastSuccess ? (lastSuccess.consistentAt ?? lastSuccess.finishedAt ?? lastSuccess.startedAt) : null;
  const age = pointAt ? Math.max(0, Math.round((now.getTime() - pointAt.getTime()) / 1000)) : null;
  const recentRestores: TRecentRestoreActivity[] = [
    ...requests.map((r) => ({
      id: r.id,
      kind: 'request' as const,
      jobType: null,
      label: r.reason.slice(0, 80) || 'Restore request',
      status: r.status,
      at: r.createdAt.toISOString(),
    })),
    ...jobs.map((j) => ({
      id: j.id,
      kind: 'job' as const,
      jobType: j.type,
      label: JOB_LABEL[j.type] ?? j.type,
      status: j.status,
      at: j.createdAt.toISOString(),
    })),
  ]
    .sort((a, b) => (a.at < b.at ? 1 : -1))
    .slice(0, 6);
  return {
    state: classifyBackupHealth({
      recoveryPointAgeSeconds: age,
      isLastRunFailed: lastFinished?.status === 'FAILED',
      staleAfterSeconds: rpoTarget,
      hasVerifyFailure: verifyFailure !== null,
      scheduleFailures: schedule?.failures ?? 0,
    }),
    lastSuccess: lastSuccess && pointAt ? { id: lastSuccess.id, seq: lastSuccess.seq, at: pointAt.toISOString() } : null,
    recoveryPointAgeSeconds: age,
    failuresLast7Days: failures,
    rpoTargetSeconds: rpoTarget,
    rpo: describeRpo({ recoveryPointAgeSeconds: age, rpoTargetSeconds: rpoTarget }),
    verifyFailure: verifyFailure ? { id: verifyFailure.id, seq: verifyFailure.seq, error: verifyFailure.verifyError!.slice(0, 300) } : null,
    schedule: schedule
      ? {
          nextRunAt: schedule.nextRunAt?.toISOString() ?? null,
          failures: schedule.failures,
          retryAt: schedule.retryAt?.toISOString() ?? null,
          lastError: schedule.lastError?.slice(0, 300) ?? null,
        }
      : null,
    activeBackup: active ? toActiveBackup(active) : null,
    lastFailure: lastFailure ? { id: lastFailure.id, at: lastFailure.startedAt.toISOString(), error: lastFailure.error?.slice(0, 300) ?? null } : null,
    storedBytes: Number(storage._sum.storedBytes ?? 0n),
    completedSnapshots: completed,
    recentSnapshots: recent.map(toSnapshotMarker),
    recentRestores,
    now: now.toISOString(),
  };
}
