import type { TRestoreCounts } from '@/lib/engine';

export type TRiskLevel = 'LOW' | 'HIGH';
export type TRiskAssessment = { risk: TRiskLevel; reasons: string[] };

/** Above these a restore needs the high-risk number of approvers. */
export const RISK_LIMITS = {
  /** live documents overwritten in place (a side namespace overwrites nothing) */
  inPlaceOverwrites: 100,
  /** collections in the package */
  collections: 3,
} as const;

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * Risk of a restore from its dry-run: what it destroys (live documents overwritten or deleted),
 * where it writes (in place vs a side namespace) and how wide it is (collections). Every factor
 * considered gives one human-readable reason, so approvers see why, not only the verdict.
 */
export function assessRestoreRisk(input: { targetMode: string; counts: TRestoreCounts; collections: number }): TRiskAssessment {
  const { counts, collections } = input;
  const inPlace = input.targetMode === 'in-place';
  const high: string[] = [];
  const low: string[] = [];

  if (counts.delete > 0) high.push(`deletes ${plural(counts.delete, 'live document')} created since the snapshot`);
  if (!inPlace) {
    low.push(`writes into side collections (${input.targetMode}); live collections are not touched`);
  } else if (counts.update >= RISK_LIMITS.inPlaceOverwrites) {
    high.push(`overwrites ${plural(counts.update, 'live document')} in place (${RISK_LIMITS.inPlaceOverwrites} or more)`);
  } else if (counts.update > 0) {
    low.push(`overwrites ${plural(counts.update, 'live document')} in place (fewer than ${RISK_LIMITS.inPlaceOverwrites}; undo keeps their current versions)`);
  } else {
    low.push('overwrites no live document');
  }
  if (counts.insert > 0) low.push(`inserts ${plural(counts.insert, 'missing document')}`);
  if (collections > RISK_LIMITS.collections) high.push(`spans ${plural(collections, 'collection')} (more than ${RISK_LIMITS.collections})`);
  else low.push(`spans ${plural(collections, 'collection')}`);
  if (counts.conflict > 0)
    high.push(`${plural(counts.conflict, 'document')} changed since the snapshot conflict with the package (conflictPolicy 'fail' refuses to run)`);

  return high.length > 0 ? { risk: 'HIGH', reasons: [...high, ...low] } : { risk: 'LOW', reasons: low };
}
