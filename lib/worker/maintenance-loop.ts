import 'server-only';
import type { Logger } from 'pino';
import { env } from '@/lib/env';
import { runMaintenancePass } from '@/lib/lifecycle/run-maintenance-pass';

/** Seconds between maintenance passes: WORKER_MAINTENANCE_SECONDS, else 3600 (off under NODE_ENV=test). 0 = off. */
export function maintenanceIntervalSeconds(): number {
  const e = env();
  return e.WORKER_MAINTENANCE_SECONDS ?? (e.NODE_ENV === 'test' ? 0 : 3_600);
}

/**
 * The worker's lifecycle loop: every interval, the retention pass of every tenant this worker
 * serves, plus the GC and read-data VERIFY jobs due (lib/lifecycle/run-maintenance-pass.ts).
 * Safe with several workers (per-tenant lifecycle lock; jobs deduplicated). Returns a stop function.
 */
export function startMaintenanceLoop(args: { log: Logger; tenantIds?: string[] }): () => Promise<void> {
  const seconds = maintenanceIntervalSeconds();
  if (seconds <= 0) return async () => undefined;
  let current: Promise<void> | null = null;
  const tick = () => {
    if (current) return;
    current = (async () => {
      try {
        const results = await runMaintenancePass({ tenantIds: args.tenantIds });
        const expired = results.reduce((n, r) => n + r.expired, 0);
        const failed = results.filter((r) => r.error);
        if (failed.length > 0) args.log.warn({ failed }, 'maintenance pass: some tenants failed');
        args.log.info({ tenants: results.length, expired, gcJobs: results.filter((r) => r.gcJobId).length }, 'maintenance pass');
      } catch (err) {
        args.log.warn({ err }, 'maintenance pass failed');
      } finally {
        current = null;
      }
    })();
  };
  const timer = setInterval(tick, seconds * 1_000);
  const first = setTimeout(tick, 5_000);
  return async () => {
    clearInterval(timer);
    clearTimeout(first);
    await current;
  };
}
