import 'server-only';
import { reconcileSchedules, type TReconcileResult } from '@/lib/schedule/reconcile-schedules';
import { createScratch } from '@/lib/schedule/testing/schedule-fixtures';

// Benchmark of the scheduler's reconcile pass over many tenants (catalog only: no job is run).
// Seeds `tenants` scratch tenants on their own cluster (a third each on gold / silver / bronze,
// every tenth with its own cron override, so policies resolve both shared and individually),
// then times passes with a fake clock and removes everything it created:
//   plan     — the first pass (cold process): every tenant gets its schedule row, nothing due;
//   enqueue  — `rounds` times: the previous jobs are marked succeeded, then every tenant is due at
//              once with the cluster limit = tenants (the worst case): 1,000 outcomes recorded and
//              1,000 jobs enqueued in one pass;
//   steady   — right after each enqueue: the jobs are still queued, nothing to do but read and decide.
// Goal (issue 10): a pass over 1,000 tenants ≤ 1 s (judged on the median enqueue pass: a worker
// runs passes in a long-lived process; the cold first pass is reported beside it).

type TPassFigures = { ms: number[]; medianMs: number; enqueued: number; outcomes: number; statements: number };

export type TLifecycleReconcileBench = {
  tenants: number;
  goalMs: number;
  rounds: number;
  plan: { ms: number; created: number; statements: number };
  enqueue: TPassFigures;
  steady: TPassFigures;
  /** median of the enqueue passes (the worst case of a pass) */
  passMs: number;
  meetsGoal: boolean;
  seedMs: number;
};

const DAY = 86_400_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const figures = (rs: TReconcileResult[]): TPassFigures => ({
  ms: rs.map((r) => r.ms),
  medianMs: median(rs.map((r) => r.ms)),
  enqueued: rs[rs.length - 1]!.enqueued.length,
  outcomes: rs[rs.length - 1]!.outcomes,
  statements: rs[rs.length - 1]!.statements,
});

export async function benchLifecycleReconcile(opts: { tenants?: number; rounds?: number } = {}): Promise<TLifecycleReconcileBench> {
  const count = opts.tenants ?? 1000;
  const rounds = opts.rounds ?? 3;
  const scratch = createScratch('bench');
  try {
    const seedStarted = performance.now();
    const third = Math.floor(count / 3);
    await scratch.add(third, 'gold');
    await scratch.add(third, 'silver');
    await scratch.add(count - 2 * third - Math.floor(count / 10), 'bronze');
    await scratch.add(Math.floor(count / 10), 'silver', { schedule: { cron: '15 1 * * *' } });
    const seedMs = Math.round(performance.now() - seedStarted);

    const plan = await reconcileSchedules(scratch.opts(new Date('2026-12-01T00:30:00Z')));
    if (plan.created !== count) throw new Error(`plan pass created ${plan.created} of ${count} schedule rows`);
    const enqueue: TReconcileResult[] = [];
    const steady: TReconcileResult[] = [];
    for (let r = 0; r < rounds; r++) {
      // weekly bronze tenants are due again after 8 days; everyone else sooner
      const now = new Date(new Date('2026-12-09T12:00:00Z').getTime() + r * 8 * DAY);
      await scratch.finishQueued(scratch.ids, 'SUCCEEDED', new Date(now.getTime() - DAY));
      const e = await reconcileSchedules(scratch.opts(now, { maxInFlightPerCluster: count }));
      const s = await reconcileSchedules(scratch.opts(new Date(now.getTime() + 60_000), { maxInFlightPerCluster: count }));
      if (e.enqueued.length !== count || s.enqueued.length !== 0)
        throw new Error(`round ${r}: enqueued ${e.enqueued.length} then ${s.enqueued.length} (of ${count})`);
      enqueue.push(e);
      steady.push(s);
    }
    const passMs = median(enqueue.map((e) => e.ms));
    return {
      tenants: count,
      goalMs: 1000,
      rounds,
      plan: { ms: plan.ms, created: plan.created, statements: plan.statements },
      enqueue: figures(enqueue),
      steady: figures(steady),
      passMs,
      meetsGoal: passMs <= 1000,
      seedMs,
    };
  } finally {
    await scratch.cleanup();
  }
}
