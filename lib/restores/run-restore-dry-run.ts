import 'server-only';
import { db, type Prisma } from '@/lib/db';
import { env } from '@/lib/env';
import { dryRunRestore } from '@/lib/engine';
import type { TJobOutcome, TJobRun } from '@/lib/jobs/run-as-job';
import { runJobHere } from '@/lib/jobs/start-job-here';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { openRestoreTarget } from './open-restore-target';
import { prepareRestore } from './prepare-restore';
import { createDryRunChangeStore, DRY_RUN_CHANGE_BATCH } from './store-dry-run-changes';
import { summarizeDryRun, type TDryRunSummary } from './summarize-dry-run';

/** Per-document diffs a DRY_RUN job keeps in its result (the approver's samples of a request). */
export const DRY_RUN_SAMPLE_CHANGES = 20;

/**
 * A DRY_RUN job's result: the summary (first page of diffs as samples), the validated package,
 * and how many per-document changes the job stored in `dry_run_changes` (what the diff pages read).
 */
export type TDryRunJobResult = TDryRunSummary & {
  spec: unknown;
  /** changes stored in `dry_run_changes`: all of them, or the first DRY_RUN_STORED_CHANGES_MAX */
  storedChanges: number;
  /** more documents would change than were stored (`changes.total` says how many) */
  storedCapped: boolean;
};

/**
 * The work of a DRY_RUN job: plan (restore id: `restoreId`, else the job's id) and compare with
 * the live data, writing nothing. The job's result is the summary — plan hash, pre-state
 * fingerprint, counts — with the first page of per-document diffs: what a request submitted from
 * this dry-run is bound to, without planning again. Every changed document is stored in
 * `dry_run_changes` (batches of DRY_RUN_CHANGE_BATCH while the engine describes them; an earlier
 * attempt's rows are dropped first), so the diff pages never recompute — at most `storeLimit`
 * (DRY_RUN_STORED_CHANGES_MAX) of them: beyond it the result says `storedCapped` and a note says so.
 */
export async function dryRunRestoreJob(args: {
  ctx: TEngineContext;
  tenantId: string;
  spec: unknown;
  restoreId?: string;
  run: TJobRun;
  page?: number;
  pageSize?: number;
  /** stored changes at most (default DRY_RUN_STORED_CHANGES_MAX) */
  storeLimit?: number;
}): Promise<{ summary: TDryRunSummary; outcome: TJobOutcome<TDryRunJobResult> }> {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: args.tenantId } });
  const { run } = args;
  const { plan, repo } = await prepareRestore({ ctx: args.ctx, tenant, spec: args.spec, restoreId: args.restoreId ?? run.jobId, signal: run.signal });
  await run.note('Planned', `plan ${plan.planHash}: ${plan.totals.documents} snapshot documents selected`);
  run.progress({ phase: 'comparing with live data', documents: { done: 0, total: plan.totals.documents } });
  const storeLimit = args.storeLimit ?? env().DRY_RUN_STORED_CHANGES_MAX;
  const store = createDryRunChangeStore({ tenantId: tenant.id, jobId: run.jobId });
  await store.reset();
  const target = openRestoreTarget(args.ctx);
  try {
    const page = args.page ?? 1;
    const pageSize = args.pageSize ?? DRY_RUN_SAMPLE_CHANGES;
    const dry = await dryRunRestore(
      plan,
      { repo, target },
      { page, pageSize, signal: run.signal, eachChanges: store.write, eachChangeBatch: DRY_RUN_CHANGE_BATCH, eachChangeLimit: storeLimit },
    );
    const storedChanges = Math.min(dry.changes.total, storeLimit);
    const storedCapped = dry.changes.total > storeLimit;
    if (storedCapped) {
      await run.note(
        'Capped',
        `${dry.changes.total} documents would change; the first ${storeLimit} are stored for the diff pages (DRY_RUN_STORED_CHANGES_MAX)`,
      );
    }
    const summary = summarizeDryRun(dry, { withChanges: true });
    // The first page is kept as samples; another page (CLI) is printed, not stored.
    const kept =
      page === 1
        ? { ...summary, changes: { ...summary.changes, items: (summary.changes.items ?? []).slice(0, DRY_RUN_SAMPLE_CHANGES) } }
        : summarizeDryRun(dry, { withChanges: false });
    // The validated package the plan was made from: a request submitted from this job records it.
    const recorded: TDryRunJobResult = { ...kept, spec: JSON.parse(JSON.stringify(plan.spec)) as unknown, storedChanges, storedCapped };
    run.progress({ phase: 'done', documents: { done: plan.totals.documents, total: plan.totals.documents } });
    return { summary, outcome: { ok: true, message: countsMessage(recorded), result: recorded } };
  } finally {
    await target.close();
  }
}

/** A dry-run in this process (CLI): the same DRY_RUN job lifecycle as the worker's. */
export async function runRestoreDryRun(args: {
  ctx: TEngineContext;
  tenantId: string;
  spec: unknown;
  page?: number;
  pageSize?: number;
  requestedById?: string | null;
}): Promise<{ jobId: string; summary: TDryRunSummary }> {
  let summary: TDryRunSummary | undefined;
  const end = await runJobHere(
    { tenantId: args.tenantId, type: 'DRY_RUN', payload: { spec: args.spec as Prisma.InputJsonValue }, createdById: args.requestedById, origin: 'dry-run' },
    async (run) => {
      const done = await dryRunRestoreJob({ ...args, run });
      summary = done.summary;
      return done.outcome;
    },
  );
  if (end.status !== 'SUCCEEDED' || !summary) throw new Error(end.message);
  return { jobId: end.jobId, summary };
}

export function countsMessage(s: Pick<TDryRunSummary, 'counts'>): string {
  const c = s.counts;
  return `insert ${c.insert}, update ${c.update}, delete ${c.delete}, unchanged ${c.unchanged}, conflict ${c.conflict}, skipped ${c.conflictSkipped}`;
}
