import 'server-only';
import { z } from 'zod';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { appendAudit } from '@/lib/audit/append-audit';
import type { TActor } from '@/lib/auth/actor';
import { assertCan, assertCanForTenant } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { loadTenantApprovalPolicy } from './approval-policy';
import { assertNotImpersonating } from './assert-not-impersonating';
import { personOf } from './evaluate-approvals';
import { lockRestoreRequest } from './load-approval-state';
import { loadUndoApprovalState } from './load-undo-approval-state';
import { actorAudit } from './request-audit';
import { ZDecisionReason, ZRequestId } from './schemas';

export const ZDecideUndo = z.object({ requestId: ZRequestId, decision: z.enum(['APPROVE', 'REJECT']), reason: ZDecisionReason });

export type TDecideUndoResult = { status: 'UNDO_PENDING_APPROVAL' | 'UNDOING' | 'VERIFIED'; approvals: number; required: number; undoJobId: string | null };

/**
 * An approver decides on an undo waiting for approval (UNDO_PENDING_APPROVAL), with the rules of
 * restore approvals: the approver permission within the approver's tenant scope, never while
 * impersonating, never the undo's requester or another account of that person, one standing
 * decision per person. An approval is bound to the undo's revision and preview fingerprint and
 * expires after the policy's TTL; when the approvals that count reach the requirement, the
 * request becomes UNDOING and the UNDO job is queued in the same transaction (the job re-reads
 * the live data and refuses when it no longer matches the preview). A rejection puts the
 * request back to VERIFIED with the reason.
 */
export async function decideRestoreUndo(args: { actor: TActor; input: unknown; origin?: string | null }): Promise<TDecideUndoResult> {
  const { actor } = args;
  const parsed = ZDecideUndo.safeParse(args.input);
  if (!parsed.success) throw new AppError('INVALID_INPUT', parsed.error.issues[0]?.message ?? 'Invalid input.');
  const { requestId, decision, reason } = parsed.data;
  assertCan(actor, 'restores.approve');
  const tenantId = (await db.restoreRequest.findUnique({ where: { id: requestId }, select: { tenantId: true } }))?.tenantId ?? null;
  if (!tenantId) throw new AppError('NOT_FOUND', 'No such restore request.');
  assertCanForTenant(actor, 'restores.approve', tenantId);
  return db.$transaction(async (tx) => {
    await assertNotImpersonating(tx, actor);
    await lockRestoreRequest(tx, requestId);
    const now = new Date();
    const { request, requesterPersonId } = await loadUndoApprovalState(tx, requestId, now);
    if (request.status !== 'UNDO_PENDING_APPROVAL' || !request.undoFingerprint)
      throw new AppError('CONFLICT', `The request is ${request.status.toLowerCase().replaceAll('_', ' ')}, not an undo waiting for approval.`);
    const me = await tx.user.findUnique({ where: { id: actor.userId }, select: { personId: true } });
    const requester = personOf(request.undoRequestedById ?? '', requesterPersonId);
    if (actor.userId === request.undoRequestedById || personOf(actor.userId, me?.personId ?? null) === requester)
      throw new AppError('FORBIDDEN', 'You cannot decide on an undo you asked for (from this or another account of yours).');
    const accounts = me?.personId ? (await tx.user.findMany({ where: { personId: me.personId }, select: { id: true } })).map((u) => u.id) : [actor.userId];
    const standing = await tx.undoApproval.findFirst({
      where: { requestId, approverId: { in: [actor.userId, ...accounts] }, decision: 'APPROVE', revision: request.undoRevision, expiresAt: { gt: now } },
      select: { id: true },
    });
    if (standing) throw new AppError('CONFLICT', 'You (or another account of yours) already approved this undo; another approver must decide.');

    const ttlHours = (await loadTenantApprovalPolicy(tx, request.tenantId)).ttlHours;
    const row = {
      decision,
      reason,
      fingerprint: request.undoFingerprint,
      revision: request.undoRevision,
      createdAt: now,
      expiresAt: decision === 'APPROVE' ? new Date(now.getTime() + ttlHours * 3600_000) : now,
    };
    await tx.undoApproval.upsert({
      where: { requestId_approverId: { requestId, approverId: actor.userId } },
      create: { requestId, tenantId: request.tenantId, approverId: actor.userId, ...row },
      update: row,
    });
    const audit = { ...actorAudit(actor, args.origin), tenantId: request.tenantId, targetType: 'restore_request', targetId: requestId };
    if (decision === 'REJECT') {
      await tx.restoreRequest.update({ where: { id: requestId }, data: { status: 'VERIFIED', statusReason: `Undo rejected: ${reason}` } });
      await appendAudit(tx, { ...audit, action: AUDIT_ACTIONS.restoreRequestUndoRejected, metadata: { reason, revision: request.undoRevision } });
      return { status: 'VERIFIED' as const, approvals: 0, required: request.undoRequiredApprovals, undoJobId: null };
    }
    const { evaluation } = await loadUndoApprovalState(tx, requestId, now);
    await appendAudit(tx, {
      ...audit,
      action: AUDIT_ACTIONS.restoreRequestUndoApproved,
      metadata: {
        reason,
        revision: request.undoRevision,
        fingerprint: request.undoFingerprint,
        counted: evaluation.counted.length,
        required: evaluation.required,
      },
    });
    if (!evaluation.isMet)
      return { status: 'UNDO_PENDING_APPROVAL' as const, approvals: evaluation.counted.length, required: evaluation.required, undoJobId: null };
    const job = await enqueueJob(tx, {
      tenantId: request.tenantId,
      type: 'UNDO',
      payload: { requestId, ...(request.undoBatchSize ? { batchSize: request.undoBatchSize } : {}) },
      createdById: request.undoRequestedById,
      message: `undo approved by ${evaluation.counted.length} of ${evaluation.required}`,
    });
    await tx.restoreRequest.update({ where: { id: requestId }, data: { status: 'UNDOING', statusReason: null } });
    await appendAudit(tx, {
      ...audit,
      action: AUDIT_ACTIONS.restoreRequestUndoQueued,
      metadata: { undoJobId: job.id, restoreJobId: request.jobId, approvers: evaluation.counted, previewJobId: request.undoPreviewJobId },
    });
    return { status: 'UNDOING' as const, approvals: evaluation.counted.length, required: evaluation.required, undoJobId: job.id };
  });
}
