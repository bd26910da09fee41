import 'server-only';
import { LOCK_CLASS as TENANT_BACKUP_LOCK_CLASS } from '@/lib/backups/request-on-demand-backup';
import type { PrismaClient } from '@/lib/db';
import { enqueueJobs } from '@/lib/jobs/enqueue-jobs';
import type { TClusterOf } from './data-plane-cluster';
import type { TTenantPolicy } from './load-effective-policies';
import type { TScheduleRow } from './plan-schedules';
import { chooseBackupKind, plannedStart, scheduleKeyOf, type TCronMemo } from './schedule-math';

// Second half of a reconcile pass, one transaction per data-plane cluster: lock the cluster (a
// second worker skips it this pass), lock and re-read the due rows, keep to the cluster's limit of
// backups in flight (oldest due first; the rest stay due for the next pass), never a second backup
// of a tenant that has one queued or running, enqueue the jobs and advance the rows — all or nothing.

/** pg advisory lock class of "reconciling cluster X" (per cluster key). */
const CLUSTER_LOCK_CLASS = 7_240_200;

export type TDueTenant = TTenantPolicy & { dueAt: Date };
export type TEnqueueResult = {
  enqueued: Array<{ tenantId: string; jobId: string; kind: string; reason: string }>;
  deferred: number;
  inFlight: number;
  busy: boolean;
  statements: number;
};

type TLockedRow = Pick<TScheduleRow, 'tenantId' | 'nextRunAt' | 'retryAt' | 'runsSinceFull' | 'failures' | 'scheduleKey'>;

export async function enqueueDueBackups(
  client: PrismaClient,
  args: { cluster: string; due: readonly TDueTenant[]; now: Date; memo: TCronMemo; limit: number; maxJitterMs: number; clusterOf: TClusterOf },
): Promise<TEnqueueResult> {
  const { now, memo } = args;
  const byTenant = new Map(args.due.map((d) => [d.tenant.id, d]));
  return client.$transaction(async (tx) => {
    let statements = 1;
    const [lock] = await tx.$queryRaw<
      Array<{ locked: boolean }>
    >`SELECT pg_try_advisory_xact_lock(${CLUSTER_LOCK_CLASS}::int, hashtext(${args.cluster})) AS locked`;
    if (!lock?.locked) return { enqueued: [], deferred: args.due.length, inFlight: 0, busy: true, statements };
    const locked = await tx.$queryRaw<TLockedRow[]>`
      SELECT tenant_id AS "tenantId", next_run_at AS "nextRunAt", retry_at AS "retryAt", runs_since_full AS "runsSinceFull",
             failures, schedule_key AS "scheduleKey"
      FROM backup_schedules
      WHERE tenant_id = ANY(${[...byTenant.keys()]}::text[]) AND (next_run_at <= ${now} OR retry_at <= ${now})
      FOR UPDATE SKIP LOCKED`;
    // Every backup queued or running on this cluster counts against its limit, whoever asked for it.
    const active = await tx.$queryRaw<Array<{ tenantId: string; region: string; database: string }>>`
      SELECT DISTINCT j.tenant_id AS "tenantId", t.region, t.database FROM jobs j JOIN tenants t ON t.id = j.tenant_id
      WHERE j.type = 'BACKUP' AND j.status IN ('QUEUED', 'RUNNING')`;
    statements += 2;
    const busyTenants = new Set(active.map((a) => a.tenantId));
    const inFlight = active.filter((a) => args.clusterOf({ id: a.tenantId, region: a.region, database: a.database }) === args.cluster).length;
    const dueAtOf = (r: TLockedRow) =>
      Math.min(r.nextRunAt && r.nextRunAt <= now ? r.nextRunAt.getTime() : Infinity, r.retryAt && r.retryAt <= now ? r.retryAt.getTime() : Infinity);
    const candidates = locked
      .filter((r) => !busyTenants.has(r.tenantId) && r.scheduleKey === scheduleKeyOf(byTenant.get(r.tenantId)!.effective.policy.schedule))
      .sort((a, b) => dueAtOf(a) - dueAtOf(b) || (a.tenantId < b.tenantId ? -1 : 1));
    let picks = candidates.slice(0, Math.max(0, args.limit - inFlight));
    const deferred = args.due.length - picks.length;
    if (picks.length === 0) return { enqueued: [], deferred, inFlight, busy: false, statements };

    // The same per-tenant lock as an on-demand request, then a re-check: the two never both enqueue.
    const pickIds = picks.map((p) => p.tenantId).sort();
    await tx.$queryRaw`SELECT count(pg_advisory_xact_lock(${TENANT_BACKUP_LOCK_CLASS}::int, hashtext(id))) FROM unnest(${pickIds}::text[]) WITH ORDINALITY AS u(id, n)`;
    const raced = await tx.$queryRaw<Array<{ tenantId: string }>>`
      SELECT DISTINCT tenant_id AS "tenantId" FROM jobs WHERE type = 'BACKUP' AND status IN ('QUEUED', 'RUNNING') AND tenant_id = ANY(${pickIds}::text[])`;
    const lastFull = await tx.$queryRaw<Array<{ tenantId: string; at: Date }>>`
      SELECT DISTINCT ON (tenant_id) tenant_id AS "tenantId", COALESCE(finished_at, started_at) AS at FROM snapshots
      WHERE tenant_id = ANY(${pickIds}::text[]) AND kind = 'FULL' AND status = 'COMPLETED' AND expired_at IS NULL
      ORDER BY tenant_id, seq DESC`;
    statements += 3;
    const racedIds = new Set(raced.map((r) => r.tenantId));
    picks = picks.filter((p) => !racedIds.has(p.tenantId));
    const lastFullAt = new Map(lastFull.map((r) => [r.tenantId, r.at]));

    const plans = picks.map((row) => {
      const { effective } = byTenant.get(row.tenantId)!;
      const spec = effective.policy.schedule;
      const slotDue = row.nextRunAt !== null && row.nextRunAt <= now;
      // Every slot missed up to now collapses into this one run; the next one is the next future slot.
      const slot = slotDue ? memo.previousSlot(spec) : null;
      const missedSlot = slotDue && row.nextRunAt && slot && row.nextRunAt.getTime() < slot.getTime();
      const reason = slotDue ? (missedSlot ? 'catch-up' : 'slot') : 'retry';
      const kind = chooseBackupKind({
        runsSinceFull: row.runsSinceFull,
        fullEveryRuns: spec.fullEveryRuns,
        fullEveryDays: spec.fullEveryDays,
        lastFullAt: lastFullAt.get(row.tenantId) ?? null,
        now,
      });
      return { row, spec, slot, reason, kind, next: slotDue ? plannedStart(memo, spec, row.tenantId, args.maxJitterMs) : row.nextRunAt };
    });
    const jobs = await enqueueJobs(
      tx,
      plans.map((p) => ({
        tenantId: p.row.tenantId,
        type: 'BACKUP' as const,
        payload: { kind: p.kind, trigger: 'schedule', reason: p.reason, ...(p.slot ? { slotAt: p.slot.toISOString() } : {}) },
        message:
          p.reason === 'retry' ? `scheduled retry ${p.row.failures} after a failure` : `scheduled backup (${p.reason}, slot ${p.slot?.toISOString() ?? '?'})`,
      })),
    );
    const jobOf = new Map(jobs.map((j) => [j.tenantId, j.id]));
    const col = <T>(f: (p: (typeof plans)[number]) => T) => plans.map(f);
    await tx.$executeRaw`
      UPDATE backup_schedules s
      SET next_run_at = u.next_run_at::timestamptz, last_slot_at = COALESCE(u.last_slot_at::timestamptz, s.last_slot_at),
          last_job_id = u.job_id, last_outcome = NULL, retry_at = NULL, updated_at = now()
      FROM unnest(${col((p) => p.row.tenantId)}::text[], ${col((p) => p.next?.toISOString() ?? null)}::text[],
                  ${col((p) => p.slot?.toISOString() ?? null)}::text[], ${col((p) => jobOf.get(p.row.tenantId) ?? null)}::text[])
           AS u(tenant_id, next_run_at, last_slot_at, job_id)
      WHERE s.tenant_id = u.tenant_id`;
    statements += 2;
    return {
      enqueued: plans.map((p) => ({ tenantId: p.row.tenantId, jobId: jobOf.get(p.row.tenantId)!, kind: p.kind, reason: p.reason })),
      deferred: args.due.length - plans.length,
      inFlight,
      busy: false,
      statements,
    };
  });
}
