import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { nextRuns } from './cron';
import { resolveEffectivePolicy, type TPolicyProblem, type TPolicySource } from './effective-policy';
import { loadPolicyContext } from './load-effective-policy';
import type { TPolicyBounds, TPolicyDocument, TPolicyLeaf } from './policy-document';

export type TBackupPolicyView = {
  /** The effective policy: the template with the tenant's in-bounds overrides. */
  policy: TPolicyDocument;
  /** Where every leaf comes from. */
  sources: Record<TPolicyLeaf, TPolicySource>;
  /** Stored overrides that are not applied (e.g. outside bounds after a template change). */
  problems: TPolicyProblem[];
  template: { name: string; label: string; defaults: TPolicyDocument; bounds: TPolicyBounds };
  /** The platform's compliance lock (days; 0 = none) and a proposed lowering waiting for approval. */
  complianceDays: number;
  pendingLockChange: { toDays: number; proposedAt: string } | null;
  /** The next five scheduled runs (ISO), in the policy's time zone's calendar. */
  nextRuns: string[];
  /** What the tenant stores (the raw editor's starting text). */
  overrides: unknown;
  approvalsLowRisk: number;
  approvalsHighRisk: number;
  updatedAt: string | null;
};

/** The tenant's effective backup policy and where each value comes from. `tenantId` from getTenantForActorOrThrow. */
export async function getBackupPolicy(args: { actor: TActor; tenantId: string; now?: Date }): Promise<TBackupPolicyView> {
  assertCan(args.actor, 'tenant.read', args.tenantId);
  const now = args.now ?? new Date();
  const [ctx, row, pending] = await Promise.all([
    loadPolicyContext(db, args.tenantId),
    db.backupPolicy.findUnique({ where: { tenantId: args.tenantId }, select: { approvalsLowRisk: true, approvalsHighRisk: true } }),
    db.retentionLockChange.findFirst({ where: { tenantId: args.tenantId, status: 'PENDING' }, select: { toDays: true, createdAt: true } }),
  ]);
  const eff = resolveEffectivePolicy({ template: ctx.template, overrides: ctx.overrides, complianceDays: ctx.complianceDays, now });
  return {
    policy: eff.policy,
    sources: eff.sources,
    problems: eff.problems,
    template: { name: ctx.template.name, label: ctx.template.label, defaults: ctx.template.defaults, bounds: ctx.template.bounds },
    complianceDays: ctx.complianceDays,
    pendingLockChange: pending ? { toDays: pending.toDays, proposedAt: pending.createdAt.toISOString() } : null,
    nextRuns: nextRuns(eff.policy.schedule.cron, eff.policy.schedule.timeZone, now, 5).map((d) => d.toISOString()),
    overrides: ctx.overrides,
    approvalsLowRisk: row?.approvalsLowRisk ?? 1,
    approvalsHighRisk: row?.approvalsHighRisk ?? 2,
    updatedAt: ctx.updatedAt?.toISOString() ?? null,
  };
}
