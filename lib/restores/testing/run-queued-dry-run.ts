// TEST HELPER (not product code): runs one QUEUED DRY_RUN job in this process exactly as a worker
// does — claimed through lib/jobs, run by runAsJob with the DRY_RUN work — for integration and
// e2e tests that do not start a worker process.
import { db } from '@/lib/db';
import { claimJob } from '@/lib/jobs/claim-job';
import { runAsJob } from '@/lib/jobs/run-as-job';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { dryRunRestoreJob } from '../run-restore-dry-run';
import { restoreIdOfDryRun } from '../restore-id-of-dry-run';

export async function runQueuedDryRun(ctx: TEngineContext, jobId: string, opts: { storeLimit?: number } = {}): Promise<'SUCCEEDED' | 'FAILED'> {
  // Claimed as a worker serving this job's tenant only: fair scheduling ranks within that scope, so
  // other tenants' queued jobs (other tests') do not hold it back.
  const row = await db.job.findUnique({ where: { id: jobId }, select: { tenantId: true } });
  const tenantIds = row?.tenantId ? [row.tenantId] : undefined;
  const job = await claimJob({ jobId, attempts: 0, staleSeconds: 3600, workerId: `test:${process.pid}`, tenantIds });
  if (!job || job.type !== 'DRY_RUN') throw new Error(`job ${jobId} is not a queued dry-run`);
  const spec = (job.payload as { spec?: unknown } | null)?.spec;
  const end = await runAsJob(
    { job, heartbeatMs: 1_000 },
    async (run) => (await dryRunRestoreJob({ ctx, tenantId: run.tenantId, spec, restoreId: restoreIdOfDryRun(job), run, storeLimit: opts.storeLimit })).outcome,
  );
  return end.status === 'SUCCEEDED' ? 'SUCCEEDED' : 'FAILED';
}
