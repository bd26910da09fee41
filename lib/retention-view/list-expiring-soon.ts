import 'server-only';
import { db } from '@/lib/db';
import { decideRetention, RETENTION_ROW_SELECT } from '@/lib/lifecycle/decide-retention';
import { loadEffectivePolicy } from '@/lib/policies/load-effective-policy';

/** How far ahead "expiring soon" looks. */
export const EXPIRING_SOON_DAYS = 7;

/**
 * Ids of the tenant's snapshots that the current policy expires within the next 7 days (the
 * retention decision at now + 7 days, over today's snapshots), and not before. Internal: the
 * caller has authorized the actor for the tenant.
 */
export async function listExpiringSoon(tenantId: string, now = new Date()): Promise<Set<string>> {
  const [policy, rows] = await Promise.all([
    loadEffectivePolicy(db, tenantId, now),
    db.snapshot.findMany({ where: { tenantId }, select: RETENTION_ROW_SELECT }),
  ]);
  if (rows.length === 0) return new Set();
  const later = new Date(now.getTime() + EXPIRING_SOON_DAYS * 86_400_000);
  return new Set(decideRetention({ rows, policy, now: later }).newlyExpired);
}
