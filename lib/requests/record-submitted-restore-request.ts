import 'server-only';
import { appendAudit } from '@/lib/audit/append-audit';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db, type Prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { DRY_RUN_SAMPLE_CHANGES } from '@/lib/restores/run-restore-dry-run';
import type { TDryRunSummary } from '@/lib/restores/summarize-dry-run';
import { loadTenantApprovalPolicy, requiredApprovalsFor } from './approval-policy';
import { assessRestoreRisk } from './assess-restore-risk';
import { assertTenantMayAct } from './assert-tenant-may-act';
import { REQUEST_AUDIT } from '@/lib/audit/actions';
import { actorAudit } from './request-audit';
import { parseInput, ZRequestReason } from './schemas';

/** Sample per-document diffs kept on the request for the approver (the dry-run's first page). */
export const SAMPLE_CHANGES = DRY_RUN_SAMPLE_CHANGES;

/**
 * The catalog half of a submission: records a PENDING_APPROVAL request bound to the dry-run's
 * plan hash and pre-state fingerprint, with its risk (and why) and the tenant's approval policy
 * copied onto it. TRUSTED input: `dryRun` must come from the engine for exactly this package and
 * `requestId` as restore id (submitRestoreRequest takes both from a finished DRY_RUN job);
 * exported for test fixtures.
 */
export async function recordSubmittedRestoreRequest(args: {
  actor: TActor;
  tenantId: string;
  requestId: string;
  /** the validated package (plan.spec) */
  spec: { target: { mode: string } } & Record<string, unknown>;
  reason: string;
  dryRun: TDryRunSummary;
  origin?: string | null;
}): Promise<{ id: string; risk: 'LOW' | 'HIGH'; requiredApprovals: number }> {
  const { actor, tenantId } = args;
  assertCan(actor, 'restores.request', tenantId);
  assertTenantMayAct(actor);
  const reason = parseInput(ZRequestReason, args.reason);
  if (args.dryRun.restoreId !== args.requestId) throw new AppError('INVALID_INPUT', 'The dry-run was made for another restore id.');
  const assessment = assessRestoreRisk({ targetMode: args.spec.target.mode, counts: args.dryRun.counts, collections: args.dryRun.collections.length });
  const items = args.dryRun.changes.items ?? [];
  const dryRunSummary = { ...args.dryRun, changes: { ...args.dryRun.changes, items: items.slice(0, SAMPLE_CHANGES) } };

  return db.$transaction(async (tx) => {
    const tenant = await tx.tenant.findFirst({ where: { id: tenantId, status: 'ACTIVE' }, select: { id: true } });
    if (!tenant) throw new AppError('NOT_FOUND', 'No such tenant.');
    const policy = await loadTenantApprovalPolicy(tx, tenantId);
    const requiredApprovals = requiredApprovalsFor(policy, assessment.risk);
    const now = new Date();
    await tx.restoreRequest.create({
      data: {
        id: args.requestId,
        tenantId,
        requestedById: actor.userId,
        status: 'PENDING_APPROVAL',
        spec: args.spec as Prisma.InputJsonValue,
        planHash: args.dryRun.planHash,
        preStateFingerprint: args.dryRun.preStateFingerprint,
        risk: assessment.risk,
        riskReasons: assessment.reasons,
        requiredApprovals,
        approvalPolicy: policy,
        reason,
        dryRunSummary: dryRunSummary as unknown as Prisma.InputJsonValue,
        submittedAt: now,
      },
    });
    await appendAudit(tx, {
      ...actorAudit(actor, args.origin),
      action: REQUEST_AUDIT.submitted,
      tenantId,
      targetType: 'restore_request',
      targetId: args.requestId,
      metadata: { planHash: args.dryRun.planHash, preStateFingerprint: args.dryRun.preStateFingerprint, risk: assessment.risk, requiredApprovals, reason },
    });
    return { id: args.requestId, risk: assessment.risk, requiredApprovals };
  });
}
