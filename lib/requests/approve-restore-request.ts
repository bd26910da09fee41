import 'server-only';
import { appendAudit } from '@/lib/audit/append-audit';
import type { TActor } from '@/lib/auth/actor';
import { db, type Prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { policyOfRequest } from './approval-policy';
import { loadApprovalState } from './load-approval-state';
import { REQUEST_AUDIT } from '@/lib/audit/actions';
import { actorAudit } from './request-audit';
import { loadRequestForDecision } from './load-request-for-decision';
import { parseInput, ZDecisionReason, ZRequestId } from './schemas';

export type TApproveResult = {
  status: 'PENDING_APPROVAL' | 'QUEUED';
  /** approvals that count now / needed */
  approvals: number;
  required: number;
  /** the RESTORE job queued when the policy was met */
  jobId: string | null;
};

/**
 * An approver approves a PENDING_APPROVAL request (bound to its current plan hash, pre-state and
 * revision; expires after the policy's TTL). When the approvals that count reach the policy,
 * the request becomes QUEUED and a RESTORE job (QUEUED, payload {requestId}) is inserted in the
 * same transaction. Never the requester — not from another account of the same person, not
 * while impersonating, not because they hold the approver role now.
 */
export async function approveRestoreRequest(args: { actor: TActor; requestId: string; reason: string; origin?: string | null }): Promise<TApproveResult> {
  const { actor } = args;
  const requestId = parseInput(ZRequestId, args.requestId);
  const reason = parseInput(ZDecisionReason, args.reason);
  const tenantId = (await db.restoreRequest.findUnique({ where: { id: requestId }, select: { tenantId: true } }))?.tenantId ?? null;
  return db.$transaction(async (tx) => {
    const request = await loadRequestForDecision(tx, actor, requestId, tenantId);
    if (!request.planHash) throw new AppError('CONFLICT', 'The request has no plan to approve.');

    const now = new Date();
    const expiresAt = new Date(now.getTime() + policyOfRequest(request.approvalPolicy).ttlHours * 3600_000);
    const decision = {
      decision: 'APPROVE' as const,
      reason,
      planHash: request.planHash,
      preStateFingerprint: request.preStateFingerprint,
      revision: request.revision,
      createdAt: now,
      expiresAt,
    };
    await tx.approval.upsert({
      where: { requestId_approverId: { requestId, approverId: actor.userId } },
      create: { requestId, tenantId: request.tenantId, approverId: actor.userId, ...decision },
      update: decision,
    });
    const audit = { ...actorAudit(actor, args.origin), tenantId: request.tenantId, targetType: 'restore_request', targetId: requestId };
    const { evaluation } = await loadApprovalState(tx, requestId, now);
    await appendAudit(tx, {
      ...audit,
      action: REQUEST_AUDIT.approved,
      metadata: {
        reason,
        planHash: request.planHash,
        revision: request.revision,
        expiresAt: expiresAt.toISOString(),
        counted: evaluation.counted.length,
        required: evaluation.required,
      },
    });
    if (!evaluation.isMet) return { status: 'PENDING_APPROVAL', approvals: evaluation.counted.length, required: evaluation.required, jobId: null };

    const job = await enqueueJob(tx, {
      tenantId: request.tenantId,
      type: 'RESTORE',
      payload: { requestId } satisfies Prisma.InputJsonValue,
      createdById: request.requestedById,
      message: `approved by ${evaluation.counted.length} of ${evaluation.required}`,
    });
    await tx.restoreRequest.update({ where: { id: requestId }, data: { status: 'QUEUED', jobId: job.id, statusReason: null } });
    await appendAudit(tx, { ...audit, action: REQUEST_AUDIT.queued, metadata: { jobId: job.id, approvers: evaluation.counted } });
    return { status: 'QUEUED', approvals: evaluation.counted.length, required: evaluation.required, jobId: job.id };
  });
}
