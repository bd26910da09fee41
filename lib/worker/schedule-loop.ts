import 'server-only';
import type { Logger } from 'pino';
import { env, isSchedulerEnabled } from '@/lib/env';
import { reconcileSchedules, type TReconcileOptions, type TReconcileResult } from '@/lib/schedule/reconcile-schedules';

export type TScheduleLoop = { stop(): Promise<void> };

/**
 * The worker's scheduler: a reconcile pass every `intervalMs` (SCHEDULER_INTERVAL_SECONDS), one at
 * a time, never overlapping. Every worker runs it (passes are safe to run at once); a worker
 * dedicated to some tenants (WORKER_TENANTS) reconciles only those. Off when SCHEDULER_ENABLED is
 * false (default off under NODE_ENV=test: tests run passes themselves with a fake clock).
 * `stop()` cancels the next pass and waits for the running one.
 */
export function startScheduleLoop(args: {
  log: Logger;
  tenantIds?: readonly string[];
  intervalMs?: number;
  enabled?: boolean;
  /** test seam: the pass to run */
  reconcile?: (opts: TReconcileOptions) => Promise<TReconcileResult>;
}): TScheduleLoop {
  const enabled = args.enabled ?? isSchedulerEnabled();
  if (!enabled) {
    args.log.info('scheduler off (SCHEDULER_ENABLED)');
    return { stop: async () => undefined };
  }
  const intervalMs = args.intervalMs ?? env().SCHEDULER_INTERVAL_SECONDS * 1000;
  const reconcile = args.reconcile ?? reconcileSchedules;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const pass = async () => {
    try {
      const r = await reconcile({ now: new Date(), tenantIds: args.tenantIds });
      const line = { tenants: r.tenants, due: r.due, enqueued: r.enqueued.length, deferred: r.deferred, outcomes: r.outcomes, ms: r.ms };
      if (r.enqueued.length > 0 || r.outcomes > 0 || r.busyClusters.length > 0) args.log.info({ ...line, busyClusters: r.busyClusters }, 'schedule pass');
      else args.log.debug(line, 'schedule pass');
    } catch (err) {
      // A failed pass (e.g. a deadlock with another worker's pass) changes nothing; the next one retries.
      args.log.warn({ err }, 'schedule pass failed');
    }
  };
  const tick = () => {
    if (stopped) return;
    running = pass().finally(() => {
      running = undefined;
      if (!stopped) timer = setTimeout(tick, intervalMs);
    });
  };
  timer = setTimeout(tick, 0);
  args.log.info({ intervalMs, tenantIds: args.tenantIds }, 'scheduler started');
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
