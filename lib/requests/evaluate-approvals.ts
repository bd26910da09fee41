// Which approvals of a request count right now. Pure, so the approve action and the executor
// (which re-checks at execution time) apply exactly the same rules.
export type TApprovalForPolicy = {
  approverId: string;
  /** the approver account's person (null: the account is its own person) */
  approverPersonId: string | null;
  decision: 'APPROVE' | 'REJECT';
  planHash: string;
  preStateFingerprint: string | null;
  revision: number;
  expiresAt: Date;
  /** the account is active and holds the APPROVER role now (not revoked) */
  approverIsActive: boolean;
  approverHoldsRole: boolean;
};

export type TRequestForPolicy = {
  requestedById: string;
  requesterPersonId: string | null;
  planHash: string | null;
  preStateFingerprint: string | null;
  revision: number;
  requiredApprovals: number;
};

export type TIgnoredApproval = { approverId: string; reason: string };
export type TApprovalEvaluation = {
  isMet: boolean;
  required: number;
  /** approver ids whose approval counts (one per person) */
  counted: string[];
  ignored: TIgnoredApproval[];
};

export const personOf = (userId: string, personId: string | null) => personId ?? `user:${userId}`;

export function evaluateApprovals(request: TRequestForPolicy, approvals: TApprovalForPolicy[], now: Date): TApprovalEvaluation {
  const requester = personOf(request.requestedById, request.requesterPersonId);
  const persons = new Set<string>();
  const counted: string[] = [];
  const ignored: TIgnoredApproval[] = [];
  const sorted = [...approvals].sort((a, b) => a.approverId.localeCompare(b.approverId));
  for (const a of sorted) {
    const reason = whyNot(a, request, requester, now);
    if (reason) {
      ignored.push({ approverId: a.approverId, reason });
      continue;
    }
    const person = personOf(a.approverId, a.approverPersonId);
    if (persons.has(person)) {
      ignored.push({ approverId: a.approverId, reason: 'another account of the same person already approved' });
      continue;
    }
    persons.add(person);
    counted.push(a.approverId);
  }
  return { isMet: request.planHash !== null && counted.length >= request.requiredApprovals, required: request.requiredApprovals, counted, ignored };
}

function whyNot(a: TApprovalForPolicy, r: TRequestForPolicy, requester: string, now: Date): string | null {
  if (a.decision !== 'APPROVE') return 'rejected';
  if (a.approverId === r.requestedById || personOf(a.approverId, a.approverPersonId) === requester) return 'the requester cannot approve their own request';
  if (!a.approverIsActive) return 'the approver account is deactivated';
  if (!a.approverHoldsRole) return 'the approver no longer holds the approver role';
  if (a.revision !== r.revision) return 'given on an earlier revision of the request';
  if (a.planHash !== r.planHash) return 'given on a different plan';
  if (a.preStateFingerprint !== r.preStateFingerprint) return 'given on a different state of the target';
  if (a.expiresAt.getTime() <= now.getTime()) return `expired at ${a.expiresAt.toISOString()}`;
  return null;
}
