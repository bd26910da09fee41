import { applyRetention, type TRetentionResult, type TRetentionSnapshot } from '@/lib/engine/maintenance/apply-retention';
import type { TEffectivePolicy } from '@/lib/policies/effective-policy';

// One mapping from catalog snapshot rows to the engine's retention decision, used by the policy
// page's preview (what a policy would expire) and by the retention pass (what it does expire), so
// that the preview is exactly what happens. Pure: callers load the rows, scoped to one tenant.

export type TRetentionRow = {
  id: string;
  kind: 'FULL' | 'INCREMENTAL';
  status: 'RUNNING' | 'COMPLETED' | 'FAILED';
  parentId: string | null;
  consistentAt: Date | null;
  startedAt: Date;
  expiredAt: Date | null;
  holdReason: string | null;
  lockedUntil: Date | null;
};

/** The select that yields a TRetentionRow (pass to prisma's findMany). */
export const RETENTION_ROW_SELECT = {
  id: true,
  kind: true,
  status: true,
  parentId: true,
  consistentAt: true,
  startedAt: true,
  expiredAt: true,
  holdReason: true,
  lockedUntil: true,
} as const;

export function toRetentionSnapshot(row: TRetentionRow): TRetentionSnapshot {
  return {
    id: row.id,
    // A failed run may have no consistency point; its start time orders it.
    consistentAt: row.consistentAt ?? (row.status === 'COMPLETED' ? null : row.startedAt),
    kind: row.kind === 'FULL' ? 'full' : 'incremental',
    status: row.status === 'COMPLETED' ? 'completed' : row.status === 'RUNNING' ? 'running' : 'failed',
    parent: row.parentId,
    held: row.holdReason,
    lockedUntil: row.lockedUntil,
    expired: row.expiredAt !== null,
  };
}

/** The GFS decision for one tenant's snapshots under its effective policy (buckets in the schedule's time zone). */
export function decideRetention(args: { rows: readonly TRetentionRow[]; policy: TEffectivePolicy; now: Date }): TRetentionResult {
  return applyRetention({
    snapshots: args.rows.map(toRetentionSnapshot),
    rule: args.policy.policy.retention,
    complianceDays: args.policy.complianceDays,
    now: args.now,
    timeZone: args.policy.policy.schedule.timeZone,
  });
}
