import 'server-only';
import { reconcileSchedules, type TReconcileResult } from '@/lib/schedule/reconcile-schedules';
import { createScratch } from '@/lib/schedule/testing/schedule-fixtures';

// Benchmark of the scheduler's reconcile pass over many tenants (catalog only: no job is run).
// Seeds `tenants` scratch tenants on their own cluster (a third each on gold / silver / bronze,
// every tenth with its own cron override, so policies resolve both shared and individually),
// then times three passes with a fake clock and removes everything it created:
//   plan     — first pass: every tenant gets its schedule row (nothing due yet);
//   enqueue  — every tenant due at once (one catch-up each), cluster limit = tenants: the worst case;
//   steady   — the jobs are still queued: nothing to do but read and decide.
// Goal (issue 10): a pass over 1,000 tenants ≤ 1 s.

export type TLifecycleReconcileBench = {
  tenants: number;
  goalMs: number;
  passes: Record<'plan' | 'enqueue' | 'steady', { ms: number; enqueued: number; created: number; statements: number; due: number }>;
  /** the slowest of the three passes */
  passMs: number;
  meetsGoal: boolean;
  seedMs: number;
};

const summary = (r: TReconcileResult) => ({ ms: r.ms, enqueued: r.enqueued.length, created: r.created, statements: r.statements, due: r.due });

export async function benchLifecycleReconcile(opts: { tenants?: number } = {}): Promise<TLifecycleReconcileBench> {
  const count = opts.tenants ?? 1000;
  const scratch = createScratch('bench');
  try {
    const seedStarted = performance.now();
    const third = Math.floor(count / 3);
    await scratch.add(third, 'gold');
    await scratch.add(third, 'silver');
    await scratch.add(count - 2 * third - Math.floor(count / 10), 'bronze');
    await scratch.add(Math.floor(count / 10), 'silver', { schedule: { cron: '15 1 * * *' } });
    const seedMs = Math.round(performance.now() - seedStarted);

    const t0 = new Date('2026-12-01T00:30:00Z');
    const plan = await reconcileSchedules(scratch.opts(t0));
    const later = new Date('2026-12-08T12:00:00Z');
    const enqueue = await reconcileSchedules(scratch.opts(later, { maxInFlightPerCluster: count }));
    const steady = await reconcileSchedules(scratch.opts(new Date(later.getTime() + 60_000), { maxInFlightPerCluster: count }));
    if (plan.created !== count || enqueue.enqueued.length !== count || steady.enqueued.length !== 0) {
      throw new Error(`unexpected pass results: created ${plan.created}, enqueued ${enqueue.enqueued.length} then ${steady.enqueued.length} (of ${count})`);
    }
    const passes = { plan: summary(plan), enqueue: summary(enqueue), steady: summary(steady) };
    const passMs = Math.max(plan.ms, enqueue.ms, steady.ms);
    return { tenants: count, goalMs: 1000, passes, passMs, meetsGoal: passMs <= 1000, seedMs };
  } finally {
    await scratch.cleanup();
  }
}
