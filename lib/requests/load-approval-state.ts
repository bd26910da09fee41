import type { Prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { evaluateApprovals, type TApprovalEvaluation, type TApprovalForPolicy, type TRequestForPolicy } from './evaluate-approvals';

/** Locks the request row for the rest of the transaction (decisions on one request serialise). */
export async function lockRestoreRequest(tx: Prisma.TransactionClient, requestId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM restore_requests WHERE id = ${requestId} FOR UPDATE`;
}

export const REQUEST_POLICY_SELECT = {
  id: true,
  tenantId: true,
  status: true,
  requestedById: true,
  planHash: true,
  preStateFingerprint: true,
  revision: true,
  requiredApprovals: true,
  approvalPolicy: true,
  jobId: true,
  requestedBy: { select: { personId: true } },
} as const;

/**
 * A request's approvals as the policy sees them now: whether each approver still holds the
 * APPROVER role (a revoked grant stops counting) and is active, evaluated at `now`.
 */
export async function loadApprovalState(
  tx: Prisma.TransactionClient,
  requestId: string,
  now = new Date(),
): Promise<{ request: Prisma.RestoreRequestGetPayload<{ select: typeof REQUEST_POLICY_SELECT }>; evaluation: TApprovalEvaluation }> {
  const request = await tx.restoreRequest.findUnique({ where: { id: requestId }, select: REQUEST_POLICY_SELECT });
  if (!request) throw new AppError('NOT_FOUND', 'No such restore request.');
  const approvals = await tx.approval.findMany({
    where: { requestId, tenantId: request.tenantId },
    select: {
      approverId: true,
      decision: true,
      planHash: true,
      preStateFingerprint: true,
      revision: true,
      expiresAt: true,
      approver: { select: { personId: true, isActive: true, platformRoles: { where: { role: 'APPROVER', revokedAt: null }, select: { id: true } } } },
    },
  });
  const forPolicy: TApprovalForPolicy[] = approvals.map((a) => ({
    approverId: a.approverId,
    approverPersonId: a.approver.personId,
    decision: a.decision,
    planHash: a.planHash,
    preStateFingerprint: a.preStateFingerprint,
    revision: a.revision,
    expiresAt: a.expiresAt,
    approverIsActive: a.approver.isActive,
    approverHoldsRole: a.approver.platformRoles.length > 0,
  }));
  const forRequest: TRequestForPolicy = {
    requestedById: request.requestedById,
    requesterPersonId: request.requestedBy.personId,
    planHash: request.planHash,
    preStateFingerprint: request.preStateFingerprint,
    revision: request.revision,
    requiredApprovals: request.requiredApprovals,
  };
  return { request, evaluation: evaluateApprovals(forRequest, forPolicy, now) };
}
