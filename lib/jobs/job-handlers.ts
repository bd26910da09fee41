// The worker's one handler registry. A job's route is its type, refined by its payload for the
// two governed variants (RESTORE/UNDO {requestId}). To wire a handler, add or replace ONE entry
// of JOB_HANDLERS. (Undo of a governed restore runs in its server action, so UNDO {requestId}
// jobs are not created today.)
import { z } from 'zod';
import type { Logger } from 'pino';
import { runBackup } from '@/lib/backups/run-backup';
import { runApprovedRestoreRequest } from '@/lib/requests/run-approved-restore-request';
import { runRestore } from '@/lib/restores/run-restore';
import { runRestoreDryRun } from '@/lib/restores/run-restore-dry-run';
import { runRestoreUndo } from '@/lib/restores/run-restore-undo';
import type { TEngineContext } from '@/lib/vault/engine-context';
import type { TClaimedJob } from './claim-job';
import { verifySnapshotJob } from './verify-snapshot-job';

export type TJobRoute = 'BACKUP' | 'DRY_RUN' | 'RESTORE' | 'RESTORE_REQUEST' | 'VERIFY' | 'UNDO' | 'UNDO_REQUEST' | 'GC';

export type TJobHandlerArgs = {
  /** the claimed row: status RUNNING, `attempts` = this attempt */
  job: TClaimedJob & { tenantId: string };
  ctx: TEngineContext;
  /** aborted when the job is cancelled (status CANCELLED), lost to another worker, or on shutdown */
  signal: AbortSignal;
  log: Logger;
};

/**
 * A handler either finalizes the row itself (the DAL functions do: SUCCEEDED/FAILED, result) or
 * returns an outcome that the worker then writes; a throw fails the job with its message. A
 * handler must honour `signal` and be safe to run again after a crash (the next attempt sees
 * what the previous one stored in `job.result`).
 */
export type TJobHandler = (args: TJobHandlerArgs) => Promise<{ ok: boolean; message?: string; result?: unknown } | void>;

export const ZBackupPayload = z.object({ kind: z.enum(['auto', 'full', 'incremental']).optional() });
export const ZSpecPayload = z.object({
  spec: z.unknown().refine((v) => v !== undefined, 'payload.spec is required'),
  /** documents per checkpointed batch (RESTORE; engine default 500) */
  batchSize: z.number().int().min(1).max(10_000).optional(),
});
export const ZRequestPayload = z.object({ requestId: z.string().min(1) });
export const ZVerifyPayload = z.object({ snapshotId: z.string().min(1), level: z.enum(['structural', 'read-data']).optional() });
export const ZUndoPayload = z.object({ restoreJobId: z.string().min(1) });

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
  if (!parsed.success) throw new JobPayloadError(`invalid ${job.type} payload: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

const notWired = (what: string): TJobHandler => async () => {
  throw new Error(`${what} are not wired in this build: no handler is registered for them, so this job did not run`);
};

export const JOB_HANDLERS: Partial<Record<TJobRoute, TJobHandler>> = {
  BACKUP: async ({ job, ctx, signal }) => {
    const { kind } = parsePayload(ZBackupPayload, job);
    await runBackup({ ctx, tenantId: job.tenantId, kind: kind ?? 'auto', jobId: job.id, attempt: job.attempts, signal });
  },
  DRY_RUN: async ({ job, ctx, signal }) => {
    const { spec } = parsePayload(ZSpecPayload, job);
    await runRestoreDryRun({ ctx, tenantId: job.tenantId, spec, jobId: job.id, attempt: job.attempts, signal });
  },
  RESTORE: async ({ job, ctx, signal }) => {
    const { spec, batchSize } = parsePayload(ZSpecPayload, job);
    await runRestore({ ctx, tenantId: job.tenantId, spec, batchSize, jobId: job.id, attempt: job.attempts, signal });
  },
  // Governed restores (lib/requests): the policy is re-checked at execution, then runRestore.
  RESTORE_REQUEST: async ({ job, ctx, signal }) => {
    const { requestId } = parsePayload(ZRequestPayload, job);
    await runApprovedRestoreRequest({ requestId, jobId: job.id, ctx, signal, attempt: job.attempts });
  },
  VERIFY: async ({ job, ctx, signal }) => verifySnapshotJob({ ctx, tenantId: job.tenantId, ...parsePayload(ZVerifyPayload, job), signal }),
  UNDO: async ({ job, ctx, signal }) => {
    const { restoreJobId } = parsePayload(ZUndoPayload, job);
    await runRestoreUndo({ ctx, tenantId: job.tenantId, restoreId: restoreJobId, jobId: job.id, attempt: job.attempts, signal });
  },
  UNDO_REQUEST: notWired('undo of governed restores (UNDO {requestId})'),
};
