// TEST HELPER (not product code): runs one job in this process exactly as a worker does — the
// claim (lib/jobs), then startClaimedJob with the registry's handler — for integration tests
// that do not start worker processes. Returns null when the job is not claimable (already done,
// cancelled, running elsewhere).
import pino from 'pino';
import { db } from '@/lib/db';
import { claimJob } from '@/lib/jobs/claim-job';
import type { TJobCondition } from '@/lib/jobs/job-conditions';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { startClaimedJob } from '../run-claimed-job';

export async function runJobOnce(ctx: TEngineContext, jobId: string) {
  const row = await db.job.findUniqueOrThrow({ where: { id: jobId }, select: { attempts: true } });
  const job = await claimJob({ jobId, attempts: row.attempts, staleSeconds: 3600, workerId: `test:${process.pid}` });
  if (!job) return null;
  await startClaimedJob({ job, ctx, log: pino({ level: 'silent' }), heartbeatMs: 500 }).done;
  const done = await db.job.findUniqueOrThrow({ where: { id: jobId } });
  const conditions = done.conditions as TJobCondition[];
  return { ...done, conditions, message: conditions.at(-1)?.message ?? '' };
}
