import 'server-only';
import { appendAudit } from '@/lib/audit/append-audit';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { assertNotRequester } from './approve-restore-request';
import { assertNotImpersonating } from './assert-not-impersonating';
import { loadApprovalState, lockRestoreRequest } from './load-approval-state';
import { REQUEST_AUDIT } from '@/lib/audit/actions';
import { actorAudit } from './request-audit';
import { parseInput, ZDecisionReason, ZRequestId } from './schemas';

/** An approver rejects a PENDING_APPROVAL request with a reason; the request is closed (REJECTED). */
export async function rejectRestoreRequest(args: {
  actor: TActor;
  requestId: string;
  reason: string;
  origin?: string | null;
}): Promise<{ status: 'REJECTED' }> {
  const { actor } = args;
  const requestId = parseInput(ZRequestId, args.requestId);
  const reason = parseInput(ZDecisionReason, args.reason);
  const tenantId = (await db.restoreRequest.findUnique({ where: { id: requestId }, select: { tenantId: true } }))?.tenantId ?? null;
  return db.$transaction(async (tx) => {
    assertCan(actor, 'restores.approve');
    await assertNotImpersonating(tx, actor);
    if (!tenantId) throw new AppError('NOT_FOUND', 'No such restore request.');
    await lockRestoreRequest(tx, requestId);
    const { request } = await loadApprovalState(tx, requestId);
    await assertNotRequester(tx, actor, request);
    if (request.status !== 'PENDING_APPROVAL')
      throw new AppError('CONFLICT', `The request is ${request.status.toLowerCase().replace('_', ' ')}, not waiting for approval.`);
    const now = new Date();
    const decision = {
      decision: 'REJECT' as const,
      reason,
      planHash: request.planHash ?? '',
      preStateFingerprint: request.preStateFingerprint,
      revision: request.revision,
      createdAt: now,
      expiresAt: now,
    };
    await tx.approval.upsert({
      where: { requestId_approverId: { requestId, approverId: actor.userId } },
      create: { requestId, tenantId: request.tenantId, approverId: actor.userId, ...decision },
      update: decision,
    });
    await tx.restoreRequest.update({ where: { id: requestId }, data: { status: 'REJECTED', statusReason: reason, finishedAt: now } });
    await appendAudit(tx, {
      ...actorAudit(actor, args.origin),
      action: REQUEST_AUDIT.rejected,
      tenantId: request.tenantId,
      targetType: 'restore_request',
      targetId: requestId,
      metadata: { reason },
    });
    return { status: 'REJECTED' as const };
  });
}
