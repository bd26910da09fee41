// TEST HELPER (not product code): runs one QUEUED DRY_RUN job in-process, the way the worker
// (branch `worker`) will: RUNNING → progress → SUCCEEDED with the TDryRunSummary (no per-document
// changes) as result, or FAILED with the error. Used by integration and e2e tests until the
// worker is merged.
import { db, type Prisma } from '@/lib/db';
import { dryRunRestore } from '@/lib/engine';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { openRestoreTarget } from '../open-restore-target';
import { prepareRestore } from '../prepare-restore';
import { summarizeDryRun } from '../summarize-dry-run';

export async function runQueuedDryRun(ctx: TEngineContext, jobId: string): Promise<'SUCCEEDED' | 'FAILED'> {
  const claimed = await db.job.updateMany({ where: { id: jobId, type: 'DRY_RUN', status: 'QUEUED' }, data: { status: 'RUNNING', startedAt: new Date(), attempts: { increment: 1 } } });
  if (claimed.count !== 1) throw new Error(`job ${jobId} is not a queued dry-run`);
  const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: job.tenantId! } });
  const target = openRestoreTarget();
  try {
    const spec = (job.payload as { spec: unknown }).spec;
    const { plan, repo } = await prepareRestore({ ctx, tenant, spec, restoreId: job.id });
    const total = plan.totals.documents;
    await db.job.update({ where: { id: jobId }, data: { progress: { phase: 'comparing with live data', documents: 0, totalDocuments: total, collections: plan.namespaces.map((n) => ({ name: n.name, documents: 0 })) }, heartbeatAt: new Date() } });
    const dry = await dryRunRestore(plan, { repo, target }, { page: 1, pageSize: 1 });
    await db.job.update({
      where: { id: jobId },
      data: {
        status: 'SUCCEEDED',
        finishedAt: new Date(),
        progress: { phase: 'done', documents: total, totalDocuments: total },
        result: summarizeDryRun(dry, { withChanges: false }) as unknown as Prisma.InputJsonValue,
      },
    });
    return 'SUCCEEDED';
  } catch (e) {
    await db.job.update({ where: { id: jobId }, data: { status: 'FAILED', finishedAt: new Date(), error: e instanceof Error ? e.message : String(e) } });
    return 'FAILED';
  } finally {
    await target.close();
  }
}
