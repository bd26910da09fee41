import 'server-only';
import { db, type PrismaClient } from '@/lib/db';
import { env } from '@/lib/env';
import { clusterOfTenant, type TClusterOf } from './data-plane-cluster';
import { enqueueDueBackups, type TDueTenant } from './enqueue-due-backups';
import { loadEffectivePolicies } from './load-effective-policies';
import { planSchedules } from './plan-schedules';
import { createCronMemo } from './schedule-math';

export type TReconcileOptions = {
  /** The pass's clock (tests pass a fake one). */
  now: Date;
  /** The catalog client (default: the process's `db`). */
  client?: PrismaClient;
  /** Only these tenants (a worker dedicated to them, or a test's scratch tenants); default all active. */
  tenantIds?: readonly string[];
  /** Backups queued or running at once per data-plane cluster (default SCHEDULER_MAX_IN_FLIGHT_PER_CLUSTER). */
  maxInFlightPerCluster?: number;
  /** Upper bound of a tenant's start delay after its slot (default SCHEDULER_MAX_JITTER_SECONDS). */
  maxJitterMs?: number;
  /** Retry backoff after a failed scheduled backup: base · 2^(failures−1), at most max. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  clusterOf?: TClusterOf;
};

export type TReconcileResult = {
  tenants: number;
  /** schedule rows created / recomputed after a policy change / outcomes recorded */
  created: number;
  rescheduled: number;
  outcomes: number;
  due: number;
  enqueued: Array<{ tenantId: string; jobId: string; kind: string; reason: string }>;
  /** due but left for a later pass (cluster limit, a backup already in flight, or a row held by another worker) */
  deferred: number;
  /** clusters another worker was reconciling (skipped this pass) */
  busyClusters: string[];
  /** SQL statements issued */
  statements: number;
  ms: number;
};

/**
 * One reconcile pass: every active tenant's schedule row follows its effective policy, finished
 * scheduled jobs are recorded (success, or failure with a backoff retry), and the due tenants'
 * backups are enqueued — at most one per tenant, within each cluster's limit, in the same
 * transaction that advances the row. Idempotent (a second pass at the same `now` does nothing) and
 * safe with any number of workers running it at once. See lib/schedule/README.md.
 */
export async function reconcileSchedules(opts: TReconcileOptions): Promise<TReconcileResult> {
  const started = performance.now();
  const { now } = opts;
  const client = opts.client ?? db;
  const settings = () => env();
  const limit = opts.maxInFlightPerCluster ?? settings().SCHEDULER_MAX_IN_FLIGHT_PER_CLUSTER;
  const maxJitterMs = opts.maxJitterMs ?? settings().SCHEDULER_MAX_JITTER_SECONDS * 1000;
  const retryBaseMs = opts.retryBaseMs ?? settings().SCHEDULER_RETRY_BASE_SECONDS * 1000;
  const retryMaxMs = opts.retryMaxMs ?? settings().SCHEDULER_RETRY_MAX_SECONDS * 1000;
  const clusterOf = opts.clusterOf ?? clusterOfTenant;
  const memo = createCronMemo(now);

  const tenants = await loadEffectivePolicies(client, { now, tenantIds: opts.tenantIds });
  const plan = await planSchedules(client, tenants, { now, memo, maxJitterMs, retryBaseMs, retryMaxMs });
  let statements = 2 + plan.statements;

  const byCluster = new Map<string, TDueTenant[]>();
  for (const t of tenants) {
    const row = plan.rows.get(t.tenant.id);
    if (!row) continue;
    const due = Math.min(
      row.nextRunAt && row.nextRunAt <= now ? row.nextRunAt.getTime() : Infinity,
      row.retryAt && row.retryAt <= now ? row.retryAt.getTime() : Infinity,
    );
    if (due === Infinity) continue;
    const cluster = clusterOf(t.tenant);
    if (!byCluster.has(cluster)) byCluster.set(cluster, []);
    byCluster.get(cluster)!.push({ ...t, dueAt: new Date(due) });
  }
  const result: TReconcileResult = {
    tenants: tenants.length,
    created: plan.created,
    rescheduled: plan.rescheduled,
    outcomes: plan.outcomes,
    due: 0,
    enqueued: [],
    deferred: 0,
    busyClusters: [],
    statements,
    ms: 0,
  };
  for (const [cluster, due] of [...byCluster].sort(([a], [b]) => (a < b ? -1 : 1))) {
    result.due += due.length;
    const r = await enqueueDueBackups(client, { cluster, due, now, memo, limit, maxJitterMs, clusterOf });
    result.enqueued.push(...r.enqueued);
    result.deferred += r.deferred;
    if (r.busy) result.busyClusters.push(cluster);
    statements += r.statements + 2; // + BEGIN / COMMIT
  }
  result.statements = statements;
  result.ms = Math.round(performance.now() - started);
  return result;
}
