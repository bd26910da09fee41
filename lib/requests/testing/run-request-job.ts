// TEST HELPER (not product code): runs a request's queued RESTORE / UNDO / UNDO_PREVIEW {requestId} job in this
// process the way a worker does — claimed through lib/jobs, run by runAsJob with the same work
// the worker's handler calls — without importing the worker (lib/worker imports lib/requests).
// Returns null when the job is not claimable (already done, cancelled, running elsewhere).
import { db } from '@/lib/db';
import { claimJob } from '@/lib/jobs/claim-job';
import type { TJobCondition } from '@/lib/jobs/job-conditions';
import { runAsJob } from '@/lib/jobs/run-as-job';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { undoPreviewJob } from '@/lib/restores/run-undo-preview';
import { runApprovedRestoreRequest } from '../run-approved-restore-request';
import { runRestoreRequestUndo } from '../run-restore-request-undo';

export async function runRequestJob(ctx: TEngineContext, jobId: string) {
  const row = await db.job.findUniqueOrThrow({ where: { id: jobId }, select: { attempts: true, tenantId: true } });
  // Claimed as a worker serving this tenant only: fair scheduling ranks within that scope, so
  // other tenants' queued jobs (other tests', nobody's here) do not hold it back; one writer per tenant still holds.
  const tenantIds = row.tenantId ? [row.tenantId] : undefined;
  const job = await claimJob({ jobId, attempts: row.attempts, staleSeconds: 3600, workerId: `test:${process.pid}`, tenantIds });
  if (!job) return null;
  const { requestId, batchSize } = job.payload as { requestId: string; batchSize?: number };
  await runAsJob<unknown>({ job, heartbeatMs: 500 }, (run) =>
    job.type === 'UNDO'
      ? runRestoreRequestUndo({ requestId, run, ctx, batchSize })
      : job.type === 'UNDO_PREVIEW'
        ? undoPreviewJob({ requestId, run, ctx })
        : runApprovedRestoreRequest({ requestId, run, ctx }),
  );
  const done = await db.job.findUniqueOrThrow({ where: { id: jobId } });
  const conditions = done.conditions as TJobCondition[];
  return { ...done, conditions, message: conditions.at(-1)?.message ?? '' };
}
