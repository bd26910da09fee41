import type { Prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { requiredApprovalsFor, type TApprovalPolicy } from './approval-policy';
import { evaluateApprovals, type TApprovalEvaluation } from './evaluate-approvals';

/**
 * Approvals an undo needs: where the restore needed approvals, the undo needs as many as the
 * tenant's policy asks now for a restore of that risk; a restore that needed none is undone in
 * one step (it still shows the preview first).
 */
export function undoApprovalsRequired(request: { requiredApprovals: number; risk: 'LOW' | 'HIGH' | null }, policy: TApprovalPolicy): number {
  return request.requiredApprovals > 0 ? requiredApprovalsFor(policy, request.risk ?? 'LOW') : 0;
}

export const UNDO_POLICY_SELECT = {
  id: true,
  tenantId: true,
  status: true,
  jobId: true,
  undoRequestedById: true,
  undoFingerprint: true,
  undoRevision: true,
  undoRequiredApprovals: true,
  undoPreviewJobId: true,
  undoBatchSize: true,
} as const;

/**
 * The undo's decisions as the restore approval rules see them (evaluate-approvals.ts, the same
 * pure function): not the undo's requester or another account of that person, an active approver
 * holding APPROVER now, given on the current undo revision and preview fingerprint, not expired.
 */
export async function loadUndoApprovalState(
  tx: Prisma.TransactionClient,
  requestId: string,
  now = new Date(),
): Promise<{
  request: Prisma.RestoreRequestGetPayload<{ select: typeof UNDO_POLICY_SELECT }>;
  requesterPersonId: string | null;
  evaluation: TApprovalEvaluation;
}> {
  const request = await tx.restoreRequest.findUnique({ where: { id: requestId }, select: UNDO_POLICY_SELECT });
  if (!request) throw new AppError('NOT_FOUND', 'No such restore request.');
  const requester = request.undoRequestedById ? await tx.user.findUnique({ where: { id: request.undoRequestedById }, select: { personId: true } }) : null;
  const approvals = await tx.undoApproval.findMany({
    where: { requestId, tenantId: request.tenantId },
    select: {
      approverId: true,
      decision: true,
      fingerprint: true,
      revision: true,
      expiresAt: true,
      approver: { select: { personId: true, isActive: true, platformRoles: { where: { role: 'APPROVER', revokedAt: null }, select: { id: true } } } },
    },
  });
  const evaluation = evaluateApprovals(
    {
      requestedById: request.undoRequestedById ?? '',
      requesterPersonId: requester?.personId ?? null,
      planHash: request.undoFingerprint,
      preStateFingerprint: request.undoFingerprint,
      revision: request.undoRevision,
      requiredApprovals: request.undoRequiredApprovals,
    },
    approvals.map((a) => ({
      approverId: a.approverId,
      approverPersonId: a.approver.personId,
      decision: a.decision,
      planHash: a.fingerprint,
      preStateFingerprint: a.fingerprint,
      revision: a.revision,
      expiresAt: a.expiresAt,
      approverIsActive: a.approver.isActive,
      approverHoldsRole: a.approver.platformRoles.length > 0,
    })),
    now,
  );
  return { request, requesterPersonId: requester?.personId ?? null, evaluation };
}
