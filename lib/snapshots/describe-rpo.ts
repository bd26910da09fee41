import { formatAge } from '@/lib/format';

export type TRpoStatus = {
  /** met: the newest restorable point is within the target; missed: older; no-backup: nothing restorable yet; no-target: the schedule never runs. */
  state: 'met' | 'missed' | 'no-backup' | 'no-target';
  targetSeconds: number | null;
  /** How far past the target the recovery point is (missed only). */
  overBySeconds: number | null;
  /** One sentence for the dashboard. */
  text: string;
};

/** RPO status of a tenant: its recovery point age against the target its own schedule implies. */
export function describeRpo(args: { recoveryPointAgeSeconds: number | null; rpoTargetSeconds: number | null }): TRpoStatus {
  const { recoveryPointAgeSeconds: age, rpoTargetSeconds: target } = args;
  if (target === null) {
    return { state: 'no-target', targetSeconds: null, overBySeconds: null, text: 'No RPO target: the schedule never runs again' };
  }
  const targetText = `RPO target ${formatAge(target)}`;
  if (age === null) {
    return { state: 'no-backup', targetSeconds: target, overBySeconds: null, text: `${targetText} · not met: no restorable point yet` };
  }
  if (age > target) {
    const over = age - target;
    return { state: 'missed', targetSeconds: target, overBySeconds: over, text: `${targetText} · missed by ${formatAge(over)}` };
  }
  return { state: 'met', targetSeconds: target, overBySeconds: null, text: `${targetText} · within target` };
}
