import 'server-only';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { appendAudit } from '@/lib/audit/append-audit';
import { db } from '@/lib/db';
import { loadEffectivePolicy } from '@/lib/policies/load-effective-policy';
import { decideRetention, RETENTION_ROW_SELECT } from './decide-retention';
import { LIFECYCLE_ACTOR, lockTenantLifecycle } from './tenant-lock';

export type TRetentionPassResult = {
  tenantId: string;
  /** live (not expired) snapshots after the pass */
  kept: number;
  /** snapshots this pass expired, with the reason recorded */
  expired: { id: string; reason: string }[];
};

/**
 * The retention pass of one tenant: its snapshots and effective policy → decideRetention → the
 * newly expired snapshots get `expiredAt` + `expiryReason`, one audit row each, in ONE
 * transaction under the tenant's lifecycle lock (one writer per tenant). Never un-expires: the
 * update only touches rows whose `expiredAt` is still null, and the engine's rule is monotone.
 * Deletes nothing (GC does, after its grace period).
 */
export async function applyTenantRetention(args: { tenantId: string; now?: Date }): Promise<TRetentionPassResult> {
  const now = args.now ?? new Date();
  return db.$transaction(
    async (tx) => {
      await lockTenantLifecycle(tx, args.tenantId);
      const policy = await loadEffectivePolicy(tx, args.tenantId, now);
      const rows = await tx.snapshot.findMany({ where: { tenantId: args.tenantId }, select: RETENTION_ROW_SELECT });
      const decision = decideRetention({ rows, policy, now });
      const reasons = new Map(decision.decisions.map((d) => [d.id, d.reasons.join('; ')]));
      const expired: TRetentionPassResult['expired'] = [];
      for (const id of decision.newlyExpired) {
        const reason = reasons.get(id) ?? 'not kept by the rule';
        const moved = await tx.snapshot.updateMany({
          // re-checked on the row: a hold or lock placed meanwhile wins
          where: { id, tenantId: args.tenantId, expiredAt: null, holdReason: null, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
          data: { expiredAt: now, expiryReason: reason },
        });
        if (moved.count !== 1) continue;
        expired.push({ id, reason });
        await appendAudit(tx, {
          ...LIFECYCLE_ACTOR,
          action: AUDIT_ACTIONS.snapshotExpired,
          tenantId: args.tenantId,
          targetType: 'snapshot',
          targetId: id,
          metadata: { reason, rule: policy.policy.retention, complianceDays: policy.complianceDays, at: now.toISOString() },
          origin: 'worker',
        });
      }
      return { tenantId: args.tenantId, kept: decision.keep.length, expired };
    },
    { maxWait: 15_000, timeout: 60_000 },
  );
}
