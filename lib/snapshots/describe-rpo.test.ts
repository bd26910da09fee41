import { describe, expect, it } from 'vitest';
import { describeRpo } from './describe-rpo';

describe('describeRpo', () => {
  it('is met while the recovery point is younger than the target, missed after, by how much', () => {
    expect(describeRpo({ recoveryPointAgeSeconds: 3600, rpoTargetSeconds: 5 * 3600 })).toEqual({
      state: 'met',
      targetSeconds: 18_000,
      overBySeconds: null,
      text: 'RPO target 5 h 0 min · within target',
    });
    expect(describeRpo({ recoveryPointAgeSeconds: 18_000, rpoTargetSeconds: 18_000 }).state).toBe('met');
    const missed = describeRpo({ recoveryPointAgeSeconds: 18_000 + 5400, rpoTargetSeconds: 18_000 });
    expect(missed).toMatchObject({ state: 'missed', overBySeconds: 5400 });
    expect(missed.text).toBe('RPO target 5 h 0 min · missed by 1 h 30 min');
  });

  it('says when there is nothing restorable yet', () => {
    expect(describeRpo({ recoveryPointAgeSeconds: null, rpoTargetSeconds: 7200 })).toMatchObject({
      state: 'no-backup',
      text: 'RPO target 2 h 0 min · not met: no restorable point yet',
    });
  });

  it('has no target when the schedule never runs', () => {
    expect(describeRpo({ recoveryPointAgeSeconds: 60, rpoTargetSeconds: null })).toMatchObject({ state: 'no-target', targetSeconds: null });
  });
});
