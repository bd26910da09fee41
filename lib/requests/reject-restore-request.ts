import 'server-only';
import { appendAudit } from '@/lib/audit/append-audit';
import type { TActor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { REQUEST_AUDIT } from '@/lib/audit/actions';
import { actorAudit } from './request-audit';
import { loadRequestForDecision } from './load-request-for-decision';
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
    const request = await loadRequestForDecision(tx, actor, requestId, tenantId);
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
