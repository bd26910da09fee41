import 'server-only';
import { AUDIT_ACTIONS, REQUEST_AUDIT } from '@/lib/audit/actions';
import { appendAudit } from '@/lib/audit/append-audit';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { TJobOutcome, TJobRun } from '@/lib/jobs/run-as-job';
import { undoRestoreJob, type TRestoreUndoResult } from '@/lib/restores/run-restore-undo';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { lockRestoreRequest } from './load-approval-state';

export type TRequestUndoResult = TRestoreUndoResult & { requestId: string; status: 'UNDONE' | 'VERIFIED' };

/** The undo acts for nobody in particular: audit rows name the worker (the admin is on the request's undo_queue row). */
const SYSTEM = { actorUserId: null, actorEmail: 'system:restore-executor' } as const;

/**
 * The work of an UNDO {requestId} job: the request must be UNDOING (undoRestoreRequest queued
 * it, directly or once its approvals were met). The live documents are first compared with the
 * undo preview the undo is bound to (changed since: back to VERIFIED, nothing written). Then the
 * restore's safety snapshot is put back — with live progress, like the restore's — and the
 * request becomes UNDONE when the documents are exactly as before the restore; otherwise it
 * goes back to VERIFIED with the reason (a `restore.request.undo_fail` audit row). An attempt
 * taking over from a dead worker runs the idempotent undo again and ends in the same state.
 */
export async function runRestoreRequestUndo(args: {
  requestId: string;
  run: TJobRun;
  ctx: TEngineContext;
  batchSize?: number;
}): Promise<TJobOutcome<TRequestUndoResult>> {
  const { requestId, run } = args;
  const request = await db.restoreRequest.findFirst({
    where: { id: requestId, tenantId: run.tenantId },
    select: { status: true, jobId: true, undoFingerprint: true },
  });
  if (!request) throw new AppError('NOT_FOUND', `No such restore request ${requestId} of this job's tenant.`);
  const earlier = run.previousResult as TRequestUndoResult | null;
  // An earlier attempt moved the request and died before finishing the job: its outcome stands.
  if (earlier?.requestId === requestId && request.status === earlier.status)
    return { ok: earlier.status === 'UNDONE', message: `request already ${earlier.status.toLowerCase()} by attempt ${run.attempt - 1}`, result: earlier };
  if (request.status !== 'UNDOING' || !request.jobId) return { ok: false, cancelled: true, message: `request is ${request.status}, not being undone` };

  let undone: Awaited<ReturnType<typeof undoRestoreJob>>;
  try {
    undone = await undoRestoreJob({
      ctx: args.ctx,
      tenantId: run.tenantId,
      restoreId: requestId,
      restoreJobId: request.jobId,
      run,
      batchSize: args.batchSize,
      expectedFingerprint: request.undoFingerprint,
    });
  } catch (e) {
    // Stopped from outside (shutdown, takeover): the request stays UNDOING; the next attempt undoes again.
    if (run.signal.aborted) throw e;
    const message = `undo failed: ${e instanceof Error ? e.message : String(e)}`;
    await finishUndo(run, requestId, 'VERIFIED', message, { error: message });
    return { ok: false, message };
  }
  const status = undone.ok ? ('UNDONE' as const) : ('VERIFIED' as const);
  const result: TRequestUndoResult = { ...undone.result, requestId, status };
  await run.setResult(result);
  await finishUndo(run, requestId, status, undone.message ?? '', {
    restored: result.restored,
    deleted: result.deleted,
    preStateMatches: result.preStateMatches,
  });
  return { ok: undone.ok, message: undone.message, result };
}

async function finishUndo(run: TJobRun, requestId: string, status: 'UNDONE' | 'VERIFIED', message: string, metadata: Record<string, unknown>): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockRestoreRequest(tx, requestId);
    // Only the attempt that owns the job moves the request (a worker that lost it stops here).
    await run.assertOwned(tx);
    const moved = await tx.restoreRequest.updateMany({
      where: { id: requestId, tenantId: run.tenantId, status: 'UNDOING' },
      data: status === 'UNDONE' ? { status, statusReason: null } : { status, statusReason: message },
    });
    if (moved.count !== 1) return;
    await appendAudit(tx, {
      ...SYSTEM,
      tenantId: run.tenantId,
      targetType: 'restore_request',
      targetId: requestId,
      action: status === 'UNDONE' ? REQUEST_AUDIT.undone : AUDIT_ACTIONS.restoreRequestUndoFailed,
      metadata: { undoJobId: run.jobId, message, ...metadata },
    });
  });
}
