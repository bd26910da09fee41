import 'server-only';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { appendAudit } from '@/lib/audit/append-audit';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { assertTenantMayAct } from './assert-tenant-may-act';
import { lockRestoreRequest } from './load-approval-state';
import { actorAudit } from './request-audit';
import { parseInput, ZRequestId } from './schemas';

/**
 * A tenant admin asks to undo a VERIFIED request of their tenant. Nothing is written to tenant
 * data here: in one transaction the request becomes UNDOING, an UNDO job (payload {requestId})
 * is queued and the audit row is written; the worker puts the safety snapshot back
 * (runRestoreRequestUndo) and moves the request to UNDONE, or back to VERIFIED with the reason.
 * Another tenant's request is "not found".
 */
export async function undoRestoreRequest(args: {
  actor: TActor;
  tenantId: string;
  requestId: string;
  origin?: string | null;
  /** documents per undo batch (tests, operators); the engine's default otherwise */
  batchSize?: number;
}): Promise<{ status: 'UNDOING'; undoJobId: string }> {
  const { actor, tenantId } = args;
  const requestId = parseInput(ZRequestId, args.requestId);
  assertCan(actor, 'restores.undo', tenantId);
  assertTenantMayAct(actor);
  return db.$transaction(async (tx) => {
    await lockRestoreRequest(tx, requestId);
    const request = await tx.restoreRequest.findFirst({ where: { id: requestId, tenantId }, select: { status: true, jobId: true } });
    if (!request) throw new AppError('NOT_FOUND', 'No such restore request.');
    if (request.status === 'UNDOING') throw new AppError('CONFLICT', 'This restore is already being undone.');
    if (request.status !== 'VERIFIED' || !request.jobId)
      throw new AppError('CONFLICT', `Only a verified restore can be undone; this one is ${request.status.toLowerCase().replace('_', ' ')}.`);
    const payload = { requestId, ...(args.batchSize ? { batchSize: args.batchSize } : {}) };
    const job = await enqueueJob(tx, { tenantId, type: 'UNDO', payload, createdById: actor.userId, message: `undo of restore request ${requestId}` });
    await tx.restoreRequest.update({ where: { id: requestId }, data: { status: 'UNDOING', statusReason: null } });
    await appendAudit(tx, {
      ...actorAudit(actor, args.origin),
      action: AUDIT_ACTIONS.restoreRequestUndoQueued,
      tenantId,
      targetType: 'restore_request',
      targetId: requestId,
      metadata: { undoJobId: job.id, restoreJobId: request.jobId },
    });
    return { status: 'UNDOING' as const, undoJobId: job.id };
  });
}
