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
 * A tenant admin asks what undoing a VERIFIED request would overwrite: an UNDO_PREVIEW job
 * {requestId} is queued (the worker compares every document the restore wrote with the live
 * data and stores the changed ones as diff rows). Reads nothing here; writes no tenant data.
 * The undo is then asked for with the preview's job id (undoRestoreRequest), bound to it.
 */
export async function previewRestoreRequestUndo(args: {
  actor: TActor;
  tenantId: string;
  requestId: string;
  origin?: string | null;
}): Promise<{ previewJobId: string }> {
  const { actor, tenantId } = args;
  const requestId = parseInput(ZRequestId, args.requestId);
  assertCan(actor, 'restores.undo', tenantId);
  assertTenantMayAct(actor);
  return db.$transaction(async (tx) => {
    await lockRestoreRequest(tx, requestId);
    const request = await tx.restoreRequest.findFirst({ where: { id: requestId, tenantId }, select: { status: true } });
    if (!request) throw new AppError('NOT_FOUND', 'No such restore request.');
    if (request.status !== 'VERIFIED')
      throw new AppError('CONFLICT', `Only a verified restore can be undone; this one is ${request.status.toLowerCase().replaceAll('_', ' ')}.`);
    const job = await enqueueJob(tx, {
      tenantId,
      type: 'UNDO_PREVIEW',
      payload: { requestId },
      createdById: actor.userId,
      message: `undo preview of restore request ${requestId}`,
    });
    await appendAudit(tx, {
      ...actorAudit(actor, args.origin),
      action: AUDIT_ACTIONS.undoPreviewQueued,
      tenantId,
      targetType: 'restore_request',
      targetId: requestId,
      metadata: { previewJobId: job.id },
    });
    return { previewJobId: job.id };
  });
}
