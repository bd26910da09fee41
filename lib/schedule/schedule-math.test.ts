import { describe, expect, it } from 'vitest';
import { backoffMs, chooseBackupKind, createCronMemo, jitterMs, plannedStart, rpoTargetSeconds, scheduleKeyOf, unitHash } from './schedule-math';

const HOUR = 3_600_000;
const now = new Date('2026-12-03T10:00:00Z');

describe('schedule math', () => {
  it('jitter: deterministic per tenant, whole seconds, within 10 % of the interval and the cap', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `cm${i.toString(36)}tenant${i * 7}`);
    const daily = ids.map((id) => jitterMs(id, 24 * HOUR, 300_000));
    expect(daily).toEqual(ids.map((id) => jitterMs(id, 24 * HOUR, 300_000)));
    expect(Math.max(...daily)).toBeLessThan(300_000);
    expect(daily.every((j) => j >= 0 && j % 1000 === 0)).toBe(true);
    expect(new Set(daily).size).toBeGreaterThan(250); // 300 distinct seconds available
    const quarterHourly = ids.map((id) => jitterMs(id, 15 * 60_000, 300_000));
    expect(Math.max(...quarterHourly)).toBeLessThan(90_000); // 10 % of 15 min
    expect(jitterMs('x', null, 300_000)).toBe(0);
    const mean = ids.reduce((s, id) => s + unitHash(id), 0) / ids.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });

  it('plans the next slot after now plus the jitter, and keys a schedule by cron and zone', () => {
    const memo = createCronMemo(now);
    const spec = { cron: '0 2 * * *', timeZone: 'Europe/Berlin' };
    expect(plannedStart(memo, spec, 't', 0)?.toISOString()).toBe('2026-12-04T01:00:00.000Z');
    expect(memo.previousSlot(spec)?.toISOString()).toBe('2026-12-03T01:00:00.000Z');
    expect(scheduleKeyOf(spec)).not.toBe(scheduleKeyOf({ ...spec, timeZone: 'UTC' }));
  });

  it('backoff doubles from the base up to the cap', () => {
    expect([1, 2, 3, 4, 5, 10].map((n) => backoffMs(n, 300_000, 3_600_000))).toEqual([300_000, 600_000, 1_200_000, 2_400_000, 3_600_000, 3_600_000]);
  });

  it('full every N runs, every D days, and when there is no full yet', () => {
    const base = { fullEveryRuns: 7, fullEveryDays: 0, lastFullAt: new Date(now.getTime() - HOUR), now };
    expect(chooseBackupKind({ ...base, runsSinceFull: 0, lastFullAt: null })).toBe('full');
    expect(chooseBackupKind({ ...base, runsSinceFull: 5 })).toBe('incremental');
    expect(chooseBackupKind({ ...base, runsSinceFull: 6 })).toBe('full');
    expect(chooseBackupKind({ ...base, runsSinceFull: 0, fullEveryRuns: 1 })).toBe('full');
    expect(chooseBackupKind({ ...base, runsSinceFull: 0, fullEveryDays: 7, lastFullAt: new Date(now.getTime() - 7 * 24 * HOUR) })).toBe('full');
    expect(chooseBackupKind({ ...base, runsSinceFull: 0, fullEveryDays: 7, lastFullAt: new Date(now.getTime() - 6 * 24 * HOUR) })).toBe('incremental');
  });

  it('RPO target: the longest gap plus 25 %', () => {
    expect(rpoTargetSeconds({ cron: '0 */4 * * *', timeZone: 'UTC' }, now)).toBe(5 * 3600);
    expect(rpoTargetSeconds({ cron: '0 3 * * 0', timeZone: 'UTC' }, now)).toBe(210 * 3600);
    // 02:00 and 14:00 on weekdays only: the longest gap is the weekend (Fri 14:00 → Mon 02:00 = 60 h)
    expect(rpoTargetSeconds({ cron: '0 2,14 * * 1-5', timeZone: 'UTC' }, now)).toBe(75 * 3600);
  });
});
