import 'server-only';
import type { PrismaClient } from '@/lib/db';
import type { TTenantPolicy } from './load-effective-policies';
import { backoffMs, plannedStart, scheduleKeyOf, type TCronMemo } from './schedule-math';

// First half of a reconcile pass: bring every tenant's `backup_schedules` row in line with its
// effective policy and record how its last scheduled job ended. Every write is conditional on
// the state it was computed from, so several workers planning at once write each change once.

export type TScheduleRow = {
  tenantId: string;
  nextRunAt: Date | null;
  lastSlotAt: Date | null;
  lastJobId: string | null;
  lastOutcome: string | null;
  runsSinceFull: number;
  failures: number;
  retryAt: Date | null;
  lastError: string | null;
  scheduleKey: string | null;
};

export type TPlanResult = { rows: Map<string, TScheduleRow>; created: number; rescheduled: number; outcomes: number; statements: number };

export type TPlanOptions = { now: Date; memo: TCronMemo; maxJitterMs: number; retryBaseMs: number; retryMaxMs: number };

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const TERMINAL = ['SUCCEEDED', 'FAILED', 'CANCELLED'] as const;

export async function planSchedules(client: PrismaClient, tenants: readonly TTenantPolicy[], opts: TPlanOptions): Promise<TPlanResult> {
  const { now, memo } = opts;
  let statements = 0;
  const ids = tenants.map((t) => t.tenant.id);
  const stored = await client.$queryRaw<TScheduleRow[]>`
    SELECT tenant_id AS "tenantId", next_run_at AS "nextRunAt", last_slot_at AS "lastSlotAt", last_job_id AS "lastJobId",
           last_outcome AS "lastOutcome", runs_since_full AS "runsSinceFull", failures, retry_at AS "retryAt",
           last_error AS "lastError", schedule_key AS "scheduleKey"
    FROM backup_schedules WHERE tenant_id = ANY(${ids}::text[])`;
  statements++;
  const rows = new Map<string, TScheduleRow>(stored.map((r) => [r.tenantId, { ...r }]));

  // 1. New tenants and changed schedules: the next run from the policy as it is now.
  const created: Array<[string, string | null, string]> = [];
  const changed: Array<[string, string | null, string]> = [];
  for (const { tenant, effective } of tenants) {
    const spec = effective.policy.schedule;
    const key = scheduleKeyOf(spec);
    const row = rows.get(tenant.id);
    if (row && row.scheduleKey === key && row.nextRunAt) continue;
    const next = plannedStart(memo, spec, tenant.id, opts.maxJitterMs);
    if (!row) {
      created.push([tenant.id, iso(next), key]);
      rows.set(tenant.id, {
        tenantId: tenant.id,
        nextRunAt: next,
        lastSlotAt: null,
        lastJobId: null,
        lastOutcome: null,
        runsSinceFull: 0,
        failures: 0,
        retryAt: null,
        lastError: null,
        scheduleKey: key,
      });
    } else {
      // A run already due stays due (the change must not cancel it); otherwise the new schedule's next slot.
      changed.push([tenant.id, iso(next), key]);
      row.nextRunAt = row.scheduleKey !== null && row.nextRunAt && row.nextRunAt <= now ? row.nextRunAt : next;
      row.scheduleKey = key;
    }
  }
  if (created.length > 0) {
    await client.$executeRaw`
      INSERT INTO backup_schedules (tenant_id, next_run_at, schedule_key, updated_at)
      SELECT u.tenant_id, u.next_run_at::timestamptz, u.schedule_key, now()
      FROM unnest(${created.map((c) => c[0])}::text[], ${created.map((c) => c[1])}::text[], ${created.map((c) => c[2])}::text[]) AS u(tenant_id, next_run_at, schedule_key)
      ON CONFLICT (tenant_id) DO NOTHING`;
    statements++;
  }
  if (changed.length > 0) {
    await client.$executeRaw`
      UPDATE backup_schedules s
      SET schedule_key = u.schedule_key,
          next_run_at = CASE WHEN s.next_run_at <= ${now} AND s.schedule_key IS NOT NULL THEN s.next_run_at ELSE u.next_run_at::timestamptz END,
          updated_at = now()
      FROM unnest(${changed.map((c) => c[0])}::text[], ${changed.map((c) => c[1])}::text[], ${changed.map((c) => c[2])}::text[]) AS u(tenant_id, next_run_at, schedule_key)
      WHERE s.tenant_id = u.tenant_id AND (s.schedule_key IS DISTINCT FROM u.schedule_key OR s.next_run_at IS NULL)`;
    statements++;
  }

  // 2. Outcomes of scheduled jobs that finished since the last pass: success resets the failure
  //    count, a failure schedules a retry with exponential backoff (never later than the next slot).
  const pending = [...rows.values()].filter((r) => r.lastJobId && !r.lastOutcome);
  let outcomes = 0;
  if (pending.length > 0) {
    const jobs = await client.$queryRaw<
      Array<{ id: string; status: string; error: string | null; finishedAt: Date | null; kind: string | null; snapshotKind: string | null }>
    >`
      SELECT j.id, j.status::text AS status, j.error, j.finished_at AS "finishedAt", j.payload->>'kind' AS kind,
             (SELECT s.kind::text FROM snapshots s WHERE s.job_id = j.id LIMIT 1) AS "snapshotKind"
      FROM jobs j WHERE j.id = ANY(${pending.map((r) => r.lastJobId!)}::text[])`;
    statements++;
    const byId = new Map(jobs.map((j) => [j.id, j]));
    const updates: Array<{ row: TScheduleRow; outcome: string }> = [];
    for (const row of pending) {
      const job = byId.get(row.lastJobId!);
      if (job && !(TERMINAL as readonly string[]).includes(job.status)) continue;
      if (!job || job.status === 'CANCELLED') {
        updates.push({ row: { ...row, retryAt: null }, outcome: job ? 'cancelled' : 'missing' });
      } else if (job.status === 'SUCCEEDED') {
        const kind = job.snapshotKind ?? (job.kind === 'full' ? 'FULL' : 'INCREMENTAL');
        updates.push({
          row: { ...row, failures: 0, retryAt: null, lastError: null, runsSinceFull: kind === 'FULL' ? 0 : row.runsSinceFull + 1 },
          outcome: 'succeeded',
        });
      } else {
        const failures = row.failures + 1;
        const retryAt = new Date((job.finishedAt ?? now).getTime() + backoffMs(failures, opts.retryBaseMs, opts.retryMaxMs));
        const beforeNext = !row.nextRunAt || retryAt < row.nextRunAt;
        updates.push({
          row: { ...row, failures, retryAt: beforeNext ? retryAt : null, lastError: (job.error ?? 'the backup failed').slice(0, 2000) },
          outcome: 'failed',
        });
      }
    }
    if (updates.length > 0) {
      const col = <T>(f: (u: (typeof updates)[number]) => T) => updates.map(f);
      outcomes = await client.$executeRaw`
        UPDATE backup_schedules s
        SET last_outcome = u.outcome, failures = u.failures, retry_at = u.retry_at::timestamptz, last_error = u.last_error,
            runs_since_full = u.runs_since_full, updated_at = now()
        FROM unnest(${col((u) => u.row.tenantId)}::text[], ${col((u) => u.row.lastJobId)}::text[], ${col((u) => u.outcome)}::text[],
                    ${col((u) => u.row.failures)}::int[], ${col((u) => iso(u.row.retryAt))}::text[], ${col((u) => u.row.lastError)}::text[],
                    ${col((u) => u.row.runsSinceFull)}::int[])
             AS u(tenant_id, job_id, outcome, failures, retry_at, last_error, runs_since_full)
        WHERE s.tenant_id = u.tenant_id AND s.last_job_id = u.job_id AND s.last_outcome IS NULL`;
      statements++;
      for (const u of updates) rows.set(u.row.tenantId, { ...u.row, lastOutcome: u.outcome });
    }
  }
  return { rows, created: created.length, rescheduled: changed.length, outcomes, statements };
}
