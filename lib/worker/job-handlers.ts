// The worker's one handler registry. A job's route is its type, refined by its payload for the
// two governed variants (RESTORE/UNDO {requestId}). To wire a handler, add or replace ONE entry
// of JOB_HANDLERS. Every handler runs inside runAsJob (lib/jobs): it gets the claimed row's
// `run` (signal, progress, notes, stored result) and returns the outcome the lifecycle records.
import { z } from 'zod';
import type { Logger } from 'pino';
import { backupTenant } from '@/lib/backups/run-backup';
import type { TClaimedJob } from '@/lib/jobs/claim-job';
import type { TJobOutcome, TJobRun } from '@/lib/jobs/run-as-job';
import { afterBackup } from '@/lib/lifecycle/after-backup';
import { recordVerification } from '@/lib/lifecycle/record-verification';
import { runGcJob } from '@/lib/lifecycle/run-gc-job';
import { runTierJob } from '@/lib/lifecycle/run-tier-job';
import { runApprovedRestoreRequest } from '@/lib/requests/run-approved-restore-request';
import { runRestoreRequestUndo } from '@/lib/requests/run-restore-request-undo';
import { executeRestoreJob } from '@/lib/restores/run-restore';
import { dryRunRestoreJob } from '@/lib/restores/run-restore-dry-run';
import { undoRestoreJob } from '@/lib/restores/run-restore-undo';
import { undoPreviewJob } from '@/lib/restores/run-undo-preview';
import { verifySnapshotJob } from '@/lib/snapshots/verify-snapshot-job';
import type { TEngineContext } from '@/lib/vault/engine-context';

export type TJobRoute = 'BACKUP' | 'DRY_RUN' | 'RESTORE' | 'RESTORE_REQUEST' | 'VERIFY' | 'UNDO' | 'UNDO_REQUEST' | 'UNDO_PREVIEW' | 'GC' | 'TIER';

export type TJobHandlerArgs = {
  /** the claimed row: status RUNNING, `attempts` = this attempt */
  job: TClaimedJob & { tenantId: string };
  /** the process's one engine context (shared by every job of this worker) */
  ctx: TEngineContext;
  /** the lifecycle's side of the row: signal (cancel / takeover / shutdown), progress, notes, result */
  run: TJobRun;
  log: Logger;
};

/**
 * A handler returns the outcome (ok, message, result, cancelled) that runAsJob writes; a throw
 * fails the job with its message. It must honour `run.signal` and be safe to run again after a
 * crash (the next attempt sees what the previous one stored in `run.previousResult`).
 */
export type TJobHandler = (args: TJobHandlerArgs) => Promise<TJobOutcome>;

export const ZBackupPayload = z.object({ kind: z.enum(['auto', 'full', 'incremental']).optional() });
export const ZSpecPayload = z.object({
  spec: z.unknown().refine((v) => v !== undefined, 'payload.spec is required'),
  /** documents per checkpointed batch (RESTORE; engine default 500) */
  batchSize: z.number().int().min(1).max(10_000).optional(),
  /** DRY_RUN: the restore id the plan is made for (a request submitted from it takes this id) */
  restoreId: z.string().min(1).max(64).optional(),
});
export const ZRequestPayload = z.object({ requestId: z.string().min(1) });
export const ZUndoRequestPayload = z.object({ requestId: z.string().min(1), batchSize: z.number().int().min(1).max(10_000).optional() });
export const ZVerifyPayload = z.object({ snapshotId: z.string().min(1), level: z.enum(['structural', 'read-data']).optional() });
export const ZUndoPayload = z.object({ restoreJobId: z.string().min(1), batchSize: z.number().int().min(1).max(10_000).optional() });

export function routeOf(job: Pick<TClaimedJob, 'type' | 'payload'>): TJobRoute {
  const p = job.payload;
  const hasRequestId = typeof p === 'object' && p !== null && !Array.isArray(p) && 'requestId' in p;
  if (job.type === 'RESTORE' && hasRequestId) return 'RESTORE_REQUEST';
  if (job.type === 'UNDO' && hasRequestId) return 'UNDO_REQUEST';
  return job.type;
}

export class JobPayloadError extends Error {}

function parsePayload<T>(schema: z.ZodType<T>, job: TClaimedJob): T {
  const parsed = schema.safeParse(job.payload);
  if (!parsed.success)
    throw new JobPayloadError(`invalid ${job.type} payload: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export const JOB_HANDLERS: Partial<Record<TJobRoute, TJobHandler>> = {
  BACKUP: async ({ job, ctx, run, log }) => {
    const { kind } = parsePayload(ZBackupPayload, job);
    const { outcome } = await backupTenant({ ctx, tenantId: job.tenantId, kind: kind ?? 'auto', run });
    // The snapshot is committed: structural verify + retention pass (their failures are noted, the backup stands).
    if (outcome.ok && outcome.result) await afterBackup({ ctx, tenantId: job.tenantId, snapshotId: outcome.result.snapshotId, run, log });
    return outcome;
  },
  DRY_RUN: async ({ job, ctx, run }) => {
    const { spec, restoreId } = parsePayload(ZSpecPayload, job);
    return (await dryRunRestoreJob({ ctx, tenantId: job.tenantId, spec, restoreId, run })).outcome;
  },
  RESTORE: async ({ job, ctx, run }) => {
    const { spec, batchSize } = parsePayload(ZSpecPayload, job);
    return executeRestoreJob({ ctx, tenantId: job.tenantId, spec, batchSize, run });
  },
  // Governed restores (lib/requests): the policy is re-checked at execution, then the restore.
  RESTORE_REQUEST: async ({ job, ctx, run }) => {
    const { requestId } = parsePayload(ZRequestPayload, job);
    return runApprovedRestoreRequest({ requestId, ctx, run });
  },
  // The result is recorded on the snapshot (verifiedAt / dataVerifiedAt, or verifyError naming the object).
  VERIFY: async ({ job, ctx, run }) => {
    const outcome = await verifySnapshotJob({ ctx, tenantId: job.tenantId, ...parsePayload(ZVerifyPayload, job), signal: run.signal });
    const error = await recordVerification({ tenantId: job.tenantId, snapshotId: outcome.result.snapshotIds[0]!, report: outcome.result, jobId: job.id });
    return error ? { ...outcome, message: error } : outcome;
  },
  GC: async ({ job, ctx, run }) => runGcJob({ ctx, tenantId: job.tenantId, run }),
  TIER: async ({ job, ctx, run }) => runTierJob({ ctx, tenantId: job.tenantId, run }),
  UNDO: async ({ job, ctx, run }) => {
    const { restoreJobId, batchSize } = parsePayload(ZUndoPayload, job);
    return undoRestoreJob({ ctx, tenantId: job.tenantId, restoreId: restoreJobId, batchSize, run });
  },
  // Undo of a governed restore: the request goes UNDOING → UNDONE (or back to VERIFIED, with why).
  UNDO_REQUEST: async ({ job, ctx, run }) => {
    const { requestId, batchSize } = parsePayload(ZUndoRequestPayload, job);
    return runRestoreRequestUndo({ requestId, ctx, run, batchSize });
  },
  // What an undo of a governed restore would overwrite (read-only; rows for the diff pages).
  UNDO_PREVIEW: async ({ job, ctx, run }) => {
    const { requestId } = parsePayload(ZRequestPayload, job);
    return undoPreviewJob({ ctx, requestId, run });
  },
};
