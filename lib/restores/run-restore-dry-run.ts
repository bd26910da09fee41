import 'server-only';
import { db, type Prisma } from '@/lib/db';
import { dryRunRestore } from '@/lib/engine';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { openRestoreTarget } from './open-restore-target';
import { prepareRestore } from './prepare-restore';
import { summarizeDryRun, type TDryRunSummary } from './summarize-dry-run';
import { trackRestoreJob } from './track-restore-job';

/**
 * Dry-run of a restore package of one tenant, as a DRY_RUN job (its id is the restore id the
 * plan is made for): plan, compare with the live data, write nothing. Returns the summary with
 * the requested page of per-document diffs; the job keeps the summary without the diffs.
 */
export async function runRestoreDryRun(args: {
  ctx: TEngineContext;
  tenantId: string;
  spec: unknown;
  page?: number;
  pageSize?: number;
  requestedById?: string | null;
  /** run under this queued Job row, claimed by the worker (see trackRestoreJob) */
  jobId?: string;
  attempt?: number;
  signal?: AbortSignal;
}): Promise<{ jobId: string; summary: TDryRunSummary }> {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: args.tenantId } });
  let full: TDryRunSummary | undefined;
  const { jobId } = await trackRestoreJob(
    { tenantId: tenant.id, type: 'DRY_RUN', payload: { spec: args.spec as Prisma.InputJsonValue }, createdById: args.requestedById, jobId: args.jobId, attempt: args.attempt, signal: args.signal },
    async (job) => {
      const { plan, repo } = await prepareRestore({ ctx: args.ctx, tenant, spec: args.spec, restoreId: job.jobId, signal: args.signal });
      await job.note('Planned', `plan ${plan.planHash}: ${plan.totals.documents} snapshot documents selected`);
      const target = openRestoreTarget();
      try {
        const dry = await dryRunRestore(plan, { repo, target }, { page: args.page, pageSize: args.pageSize, signal: args.signal });
        full = summarizeDryRun(dry, { withChanges: true });
        const recorded = summarizeDryRun(dry, { withChanges: false });
        return { ok: true, message: countsMessage(recorded), result: recorded };
      } finally {
        await target.close();
      }
    },
  );
  return { jobId, summary: full! };
}

export function countsMessage(s: Pick<TDryRunSummary, 'counts'>): string {
  const c = s.counts;
  return `insert ${c.insert}, update ${c.update}, delete ${c.delete}, unchanged ${c.unchanged}, conflict ${c.conflict}, skipped ${c.conflictSkipped}`;
}
