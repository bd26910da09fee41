import { describe, expect, it } from 'vitest';
import { dryRunBar, writesOf } from './dry-run-bars';

describe('dry-run summary bars', () => {
  it('splits counts into percentages that sum to 100', () => {
    const bar = dryRunBar({ insert: 3, update: 1, delete: 0, unchanged: 4, conflict: 0, conflictSkipped: 0 });
    expect(bar.find((s) => s.key === 'insert')!.percent).toBe(37.5);
    expect(bar.reduce((n, s) => n + s.percent, 0)).toBe(100);
    expect(writesOf({ insert: 3, update: 1, delete: 2, unchanged: 4, conflict: 0, conflictSkipped: 0 })).toBe(6);
    expect(dryRunBar({ insert: 0, update: 0, delete: 0, unchanged: 0, conflict: 0, conflictSkipped: 0 }).every((s) => s.percent === 0)).toBe(true);
  });
});
