import { describe, expect, it } from 'vitest';
import { dryRunBar, MIN_SEGMENT_PERCENT, writesOf } from './dry-run-bars';

describe('dry-run summary bars', () => {
  it('splits counts into percentages that sum to 100', () => {
    const bar = dryRunBar({ insert: 3, update: 1, delete: 0, unchanged: 4, conflict: 0, conflictSkipped: 0 });
    expect(bar.find((s) => s.key === 'insert')!.percent).toBe(37.5);
    expect(bar.reduce((n, s) => n + s.percent, 0)).toBe(100);
    expect(writesOf({ insert: 3, update: 1, delete: 2, unchanged: 4, conflict: 0, conflictSkipped: 0 })).toBe(6);
    expect(dryRunBar({ insert: 0, update: 0, delete: 0, unchanged: 0, conflict: 0, conflictSkipped: 0 }).every((s) => s.percent === 0)).toBe(true);
  });

  it('keeps a few writes beside thousands of unchanged documents visible, still summing to 100', () => {
    const bar = dryRunBar({ insert: 10, update: 8, delete: 0, unchanged: 7_988, conflict: 0, conflictSkipped: 0 });
    const pct = (k: string) => bar.find((s) => s.key === k)!.percent;
    expect(pct('insert')).toBe(MIN_SEGMENT_PERCENT);
    expect(pct('update')).toBe(MIN_SEGMENT_PERCENT);
    expect(pct('delete')).toBe(0);
    expect(pct('unchanged')).toBeCloseTo(100 - 2 * MIN_SEGMENT_PERCENT, 9);
    expect(bar.reduce((n, s) => n + s.percent, 0)).toBeCloseTo(100, 9);
    // proportions above the floor are kept among the wide segments
    const mixed = dryRunBar({ insert: 1, update: 300, delete: 0, unchanged: 700, conflict: 0, conflictSkipped: 0 });
    const m = (k: string) => mixed.find((s) => s.key === k)!.percent;
    expect(m('insert')).toBe(MIN_SEGMENT_PERCENT);
    expect(m('unchanged') / m('update')).toBeCloseTo(700 / 300, 9);
    expect(mixed.reduce((n, s) => n + s.percent, 0)).toBeCloseTo(100, 9);
  });
});
