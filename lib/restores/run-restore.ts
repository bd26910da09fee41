import 'server-only';
import { db } from '@/lib/db';
import { dryRunRestore, executeRestore, verifyRestore, type TExecuteRestoreResult, type TRestoreProgress, type TVerifyRestoreResult } from '@/lib/engine';
import type { TJobOutcome, TJobRun } from '@/lib/jobs/run-as-job';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { openRestoreTarget } from './open-restore-target';
import { prepareRestore } from './prepare-restore';
import { createPrismaRestoreJournal } from './prisma-restore-journal';
import { countsMessage } from './run-restore-dry-run';
import { summarizeDryRun, type TDryRunSummary } from './summarize-dry-run';

/** What a RESTORE job records as its result (undo reads spec, planHash and preStateFingerprint). */
export type TRestoreRunResult = {
  /** stale: the plan or the target's pre-state is not the approved one; nothing was written */
  outcome: 'verified' | 'unverified' | 'refused' | 'stale';
  restoreId: string;
  snapshotId: string;
  planHash: string;
  preStateFingerprint: string;
  /** the validated package the plan was made from */
  spec: unknown;
  dryRun: TDryRunSummary;
  execution?: Pick<TExecuteRestoreResult, 'counts' | 'namespaces' | 'failed' | 'resumed' | 'indexesCreated'>;
  verify?: TVerifyRestoreResult;
};

/**
 * The work of a RESTORE job whose id is the restore id (unless `restoreId` is given): plan →
 * dry-run → execute (journal in the catalog, safety snapshot in the tenant's repository) →
 * verify. Under conflictPolicy 'fail' a dry-run with conflicts refuses before anything is
 * written. The snapshot is read through a read-only store; only the safety snapshot is written.
 * `expected` (what was approved): a different plan or pre-state ends the job cancelled, outcome
 * `stale`, nothing written. A resumed attempt keeps the first attempt's dry-run (run.previousResult).
 */
export async function executeRestoreJob(args: {
  ctx: TEngineContext;
  tenantId: string;
  spec: unknown;
  run: TJobRun;
  batchSize?: number;
  onProgress?: (p: TRestoreProgress) => void;
  restoreId?: string;
  expected?: { planHash: string; preStateFingerprint: string };
}): Promise<TJobOutcome<TRestoreRunResult> & { result: TRestoreRunResult }> {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: args.tenantId } });
  const job = args.run;
  const signal = job.signal;
  const restoreId = args.restoreId ?? job.jobId;
  const { plan, repo } = await prepareRestore({ ctx: args.ctx, tenant, spec: args.spec, restoreId, signal });
  await job.note('Planned', `plan ${plan.planHash}: ${plan.totals.documents} snapshot documents selected`);
  const target = openRestoreTarget(args.ctx);
  try {
    const deps = { repo, target, safetyStore: args.ctx.store };
    // A resumed job (its worker died) keeps the first attempt's dry-run: the target may
    // already be partly restored, and the journal is bound to the original pre-state.
    const earlier = job.previousResult as Partial<TRestoreRunResult> | null;
    const resumed = earlier?.planHash === plan.planHash && typeof earlier.preStateFingerprint === 'string' && earlier.dryRun ? earlier.dryRun : null;
    const dry = resumed ?? summarizeDryRun(await dryRunRestore(plan, deps, { pageSize: 20, signal }), { withChanges: false });
    const result: TRestoreRunResult = {
      outcome: 'refused',
      restoreId: plan.restoreId,
      snapshotId: plan.snapshotId,
      planHash: plan.planHash,
      preStateFingerprint: resumed ? earlier!.preStateFingerprint! : dry.preStateFingerprint,
      spec: plan.spec,
      dryRun: dry,
    };
    if (resumed) await job.note('Resumed', `from the journal of plan ${plan.planHash}`);
    else {
      await job.setResult(result);
      await job.note('DryRun', countsMessage(dry));
      const stale = staleReason(args.expected, dry);
      if (stale) {
        result.outcome = 'stale';
        return { ok: false, cancelled: true, message: `not executed: ${stale}; nothing was written`, result };
      }
    }
    if (dry.counts.conflict > 0) {
      return {
        ok: false,
        message: `refused: ${dry.counts.conflict} documents differ from the snapshot and conflictPolicy is 'fail'; nothing was written`,
        result,
      };
    }

    await job.note('Executing');
    const journal = createPrismaRestoreJournal({ tenantId: tenant.id });
    const executed = await executeRestore(
      plan,
      { ...deps, journal },
      {
        expectedPreState: result.preStateFingerprint,
        batchSize: args.batchSize,
        signal,
        onProgress: (p) => {
          args.onProgress?.(p);
          job.progress(p);
        },
      },
    );
    const { restoreId: _r, planHash: _p, ...execution } = executed;
    result.execution = execution;
    await job.note(
      'Executed',
      `inserted ${executed.counts.inserted}, updated ${executed.counts.updated}, deleted ${executed.counts.deleted}, failed ${executed.counts.failed}`,
    );

    const verify = await verifyRestore(plan, { ...deps, signal });
    result.verify = verify;
    const ok = verify.ok && executed.failed.length === 0;
    result.outcome = ok ? 'verified' : 'unverified';
    await job.note(verify.ok ? 'Verified' : 'VerificationFailed');
    return { ok, message: ok ? `restore ${plan.restoreId} verified` : `restore ${plan.restoreId} written but not verified`, result };
  } finally {
    await target.close();
  }
}

/** Why the live plan/pre-state is not the approved one (null when it is). */
function staleReason(expected: { planHash: string; preStateFingerprint: string } | undefined, dry: TDryRunSummary): string | null {
  if (!expected) return null;
  if (dry.planHash !== expected.planHash) return 'the plan changed since it was approved';
  if (dry.preStateFingerprint !== expected.preStateFingerprint) return 'the target documents changed since the dry-run that was approved';
  return null;
}
