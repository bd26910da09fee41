import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { assertCan, assertCanForTenant } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { TDryRunSummary } from '@/lib/restores/summarize-dry-run';
import { policyOfRequest, type TApprovalPolicy } from './approval-policy';
import { loadApprovalState } from './load-approval-state';
import { parseInput, ZRequestId } from './schemas';

export type TRequestReview = {
  id: string;
  tenant: { slug: string; name: string };
  requester: { name: string; email: string };
  status: string;
  statusReason: string | null;
  reason: string;
  spec: unknown;
  risk: 'LOW' | 'HIGH' | null;
  riskReasons: string[];
  requiredApprovals: number;
  policy: TApprovalPolicy;
  planHash: string | null;
  preStateFingerprint: string | null;
  revision: number;
  dryRun: TDryRunSummary | null;
  submittedAt: string | null;
  decisions: {
    approverName: string;
    approverEmail: string;
    decision: 'APPROVE' | 'REJECT';
    reason: string;
    at: string;
    expiresAt: string;
    counts: boolean;
    whyNot: string | null;
  }[];
  /** this approver's own request (or another account of theirs): they cannot decide */
  isOwnRequest: boolean;
  /** this approver's (or another account of theirs) approval that still stands on the current plan */
  myStandingApproval: { at: string; expiresAt: string; byThisAccount: boolean } | null;
};

/** A request as the approver reviews it: spec, dry-run summary with sample diffs, risk and why, decisions. */
export async function getRestoreRequestForReview(args: { actor: TActor; requestId: string }): Promise<TRequestReview> {
  assertCan(args.actor, 'restores.review');
  const requestId = parseInput(ZRequestId, args.requestId);
  const row = await db.restoreRequest.findUnique({
    where: { id: requestId },
    select: {
      id: true,
      tenantId: true,
      status: true,
      statusReason: true,
      reason: true,
      spec: true,
      risk: true,
      riskReasons: true,
      requiredApprovals: true,
      approvalPolicy: true,
      planHash: true,
      preStateFingerprint: true,
      revision: true,
      dryRunSummary: true,
      submittedAt: true,
      tenant: { select: { slug: true, name: true } },
      requestedBy: { select: { id: true, name: true, email: true, personId: true } },
      approvals: {
        orderBy: { createdAt: 'asc' },
        select: {
          approverId: true,
          decision: true,
          reason: true,
          createdAt: true,
          expiresAt: true,
          revision: true,
          planHash: true,
          approver: { select: { name: true, email: true, personId: true } },
        },
      },
    },
  });
  if (!row) throw new AppError('NOT_FOUND', 'No such restore request.');
  assertCanForTenant(args.actor, 'restores.review', row.tenantId);
  const { evaluation } = await db.$transaction((tx) => loadApprovalState(tx, requestId));
  const me = await db.user.findUnique({ where: { id: args.actor.userId }, select: { personId: true } });
  const isOwnRequest = row.requestedBy.id === args.actor.userId || (!!me?.personId && me.personId === row.requestedBy.personId);
  const now = Date.now();
  const mine = row.approvals.findLast(
    (a) =>
      (a.approverId === args.actor.userId || (!!me?.personId && a.approver.personId === me.personId)) &&
      a.decision === 'APPROVE' &&
      a.revision === row.revision &&
      a.planHash === (row.planHash ?? '') &&
      a.expiresAt.getTime() > now,
  );
  return {
    id: row.id,
    tenant: row.tenant,
    requester: { name: row.requestedBy.name, email: row.requestedBy.email },
    status: row.status,
    statusReason: row.statusReason,
    reason: row.reason,
    spec: row.spec,
    risk: row.risk,
    riskReasons: Array.isArray(row.riskReasons) ? (row.riskReasons as string[]) : [],
    requiredApprovals: row.requiredApprovals,
    policy: policyOfRequest(row.approvalPolicy),
    planHash: row.planHash,
    preStateFingerprint: row.preStateFingerprint,
    revision: row.revision,
    dryRun: (row.dryRunSummary ?? null) as TDryRunSummary | null,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    decisions: row.approvals.map((a) => ({
      approverName: a.approver.name,
      approverEmail: a.approver.email,
      decision: a.decision,
      reason: a.reason,
      at: a.createdAt.toISOString(),
      expiresAt: a.expiresAt.toISOString(),
      counts: evaluation.counted.includes(a.approverId),
      whyNot: evaluation.ignored.find((i) => i.approverId === a.approverId)?.reason ?? null,
    })),
    isOwnRequest,
    myStandingApproval: mine
      ? { at: mine.createdAt.toISOString(), expiresAt: mine.expiresAt.toISOString(), byThisAccount: mine.approverId === args.actor.userId }
      : null,
  };
}
