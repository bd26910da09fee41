import { z } from 'zod';
import type { Prisma } from '@/lib/db';
import type { TRiskLevel } from './assess-restore-risk';

/** A tenant's approval policy, copied onto each request when it is submitted. */
export const ZApprovalPolicy = z.strictObject({
  lowRisk: z.number().int().min(1).max(5),
  highRisk: z.number().int().min(1).max(5),
  ttlHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 7),
});
export type TApprovalPolicy = z.infer<typeof ZApprovalPolicy>;

export const DEFAULT_APPROVAL_POLICY: TApprovalPolicy = { lowRisk: 1, highRisk: 2, ttlHours: 24 };

export function requiredApprovalsFor(policy: TApprovalPolicy, risk: TRiskLevel): number {
  // A high-risk restore never needs fewer approvers than a low-risk one, whatever the policy says.
  return risk === 'HIGH' ? Math.max(policy.highRisk, policy.lowRisk) : policy.lowRisk;
}

/** The tenant's policy from the catalog (BackupPolicy row), defaults when it has none. */
export async function loadTenantApprovalPolicy(tx: Prisma.TransactionClient, tenantId: string): Promise<TApprovalPolicy> {
  const row = await tx.backupPolicy.findUnique({
    where: { tenantId },
    select: { approvalsLowRisk: true, approvalsHighRisk: true, approvalTtlHours: true },
  });
  if (!row) return DEFAULT_APPROVAL_POLICY;
  return ZApprovalPolicy.parse({ lowRisk: row.approvalsLowRisk, highRisk: row.approvalsHighRisk, ttlHours: row.approvalTtlHours });
}

/** The policy stored on a request (falls back to the defaults for rows written before it existed). */
export function policyOfRequest(value: unknown): TApprovalPolicy {
  const parsed = ZApprovalPolicy.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_APPROVAL_POLICY;
}
