import 'server-only';
import { db } from '@/lib/db';
import { createRepository, dryRunRestore, previewUndo, readOnly, undoRestore } from '@/lib/engine';
import { AppError } from '@/lib/errors';
import type { TJobOutcome, TJobRun } from '@/lib/jobs/run-as-job';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { openRestoreTarget } from './open-restore-target';
import { prepareRestore } from './prepare-restore';
import { createPrismaRestoreJournal } from './prisma-restore-journal';
import type { TRestoreRunResult } from './run-restore';

export type TRestoreUndoResult = {
  restoreId: string;
  /** documents given their pre-restore bytes again / inserted documents removed */
  restored: number;
  deleted: number;
  /** the restore's dry-run pre-state, and what the same plan sees now */
  expectedPreStateFingerprint: string | null;
  preStateFingerprint: string | null;
  preStateMatches: boolean | null;
};

/**
 * The work of an UNDO job of this tenant: the restore's safety snapshot is put back (progress:
 * documents per collection, ETA, like an execution's) and an `undone` entry closes its journal.
 * Then the restore's plan is made again from the recorded package and its pre-state fingerprint
 * is compared with the one the restore started from: equal means the documents the restore
 * touched are exactly as they were before it. Every step is idempotent, so an attempt taking
 * over from a dead worker simply runs it again and ends in the same state.
 */
export async function undoRestoreJob(args: {
  ctx: TEngineContext;
  tenantId: string;
  restoreId: string;
  /** the RESTORE job that executed it, when its id is not the restore id (approved requests) */
  restoreJobId?: string;
  run: TJobRun;
  batchSize?: number;
  /**
   * the undo preview's live-state fingerprint the undo was confirmed / approved on: the first
   * attempt re-reads the documents the restore wrote and refuses (CONFLICT, nothing written)
   * when they no longer have it. A takeover attempt does not compare (its predecessor may have
   * written part of the undo already).
   */
  expectedFingerprint?: string | null;
}): Promise<TJobOutcome<TRestoreUndoResult> & { result: TRestoreUndoResult }> {
  const { run } = args;
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: args.tenantId } });
  const restoreJob = await db.job.findFirst({
    where: { tenantId: tenant.id, id: args.restoreJobId ?? args.restoreId, type: 'RESTORE' },
    select: { result: true },
  });
  if (!restoreJob) throw new AppError('NOT_FOUND', `tenant ${tenant.slug} has no restore ${args.restoreId}`);
  const recorded = (restoreJob.result ?? null) as Partial<TRestoreRunResult> | null;

  const target = openRestoreTarget(args.ctx);
  try {
    const repo = await createRepository({ tenantId: tenant.id, store: readOnly(args.ctx.store), keys: args.ctx.keys });
    const journal = createPrismaRestoreJournal({ tenantId: tenant.id });
    if (run.attempt > 1) await run.note('Resumed', `undo of ${args.restoreId} runs again (idempotent) at attempt ${run.attempt}`);
    else if (args.expectedFingerprint) {
      const now = await previewUndo(args.restoreId, { repo, target, safetyStore: args.ctx.store }, { signal: run.signal });
      if (now.fingerprint !== args.expectedFingerprint) {
        await run.note('PreviewStale', `${now.changed} documents differ from the restore now`);
        throw new AppError(
          'CONFLICT',
          `the live data changed since the undo preview it was confirmed on (${now.changed} documents the undo would overwrite now); nothing was written — preview the undo again`,
        );
      }
      await run.note('PreviewMatches', 'the live data is as the undo preview showed it');
    }
    const undone = await undoRestore(
      args.restoreId,
      { repo, target, journal, safetyStore: args.ctx.store },
      { signal: run.signal, batchSize: args.batchSize, onProgress: (p) => run.progress(p) },
    );
    await run.note('Undone', `${undone.restored} documents put back, ${undone.deleted} removed`);

    const result: TRestoreUndoResult = { ...undone, expectedPreStateFingerprint: null, preStateFingerprint: null, preStateMatches: null };
    if (recorded?.spec && recorded.planHash && recorded.preStateFingerprint) {
      const { plan } = await prepareRestore({ ctx: args.ctx, tenant, spec: recorded.spec, restoreId: args.restoreId, signal: run.signal });
      if (plan.planHash !== recorded.planHash)
        throw new AppError('CONFLICT', `restore ${args.restoreId}: the recorded package no longer plans to the same plan`);
      const dry = await dryRunRestore(plan, { repo, target }, { pageSize: 1, signal: run.signal });
      result.expectedPreStateFingerprint = recorded.preStateFingerprint;
      result.preStateFingerprint = dry.preState.fingerprint;
      result.preStateMatches = dry.preState.fingerprint === recorded.preStateFingerprint;
      await run.note(result.preStateMatches ? 'PreStateRestored' : 'PreStateDiffers');
    }
    const ok = result.preStateMatches !== false;
    return {
      ok,
      message: ok ? `restore ${args.restoreId} undone` : `restore ${args.restoreId} undone, but the documents differ from the pre-restore state`,
      result,
    };
  } finally {
    await target.close();
  }
}
