import { describe, expect, it } from 'vitest';
import { isEngineError } from '../errors/engine-error';
import { applyRetention, type TRetentionSnapshot } from './apply-retention';
import { bucketLabel, calendarDate } from './calendar';
import { parseRetentionRule } from './retention-rule';

const snap = (id: string, at: string, extra: Partial<TRetentionSnapshot> = {}): TRetentionSnapshot => ({
  id,
  consistentAt: at,
  kind: 'incremental',
  status: 'completed',
  parent: null,
  ...extra,
});
const reasons = (res: ReturnType<typeof applyRetention>, id: string) => res.decisions.find((d) => d.id === id)!.reasons;

describe('ZRetentionRule', () => {
  it('fills defaults and accepts a full rule', () => {
    expect(parseRetentionRule({ daily: 7 })).toEqual({ keepLast: 0, daily: 7, weekly: 0, monthly: 0, yearly: 0, minAgeDays: 0 });
  });
  it.each([
    [{ daily: -1 }, 'daily: daily cannot be negative'],
    [{ weekly: 1.5 }, 'weekly: weekly must be a whole number'],
    [{ yearly: 101 }, 'yearly: yearly is at most 100'],
    [{ daily: '7' }, 'daily: daily must be a whole number'],
    [{ minAgeDays: 30 }, 'the rule keeps nothing'],
    [{}, 'the rule keeps nothing'],
    [{ daily: 1, hourly: 24 }, 'unknown key(s) hourly'],
    [null, 'invalid retention rule'],
  ])('refuses %j with a clear message', (input, message) => {
    let err: unknown;
    try {
      parseRetentionRule(input);
    } catch (e) {
      err = e;
    }
    expect(isEngineError(err, 'INVALID_ARGUMENT')).toBe(true);
    expect((err as Error).message).toContain(message);
  });
});

describe('calendar buckets', () => {
  it.each([
    ['2026-01-01T12:00:00Z', '2026-W01'], // a Thursday: week 1
    ['2026-12-31T12:00:00Z', '2026-W53'], // 2026 starts on a Thursday: 53 weeks
    ['2027-01-03T12:00:00Z', '2026-W53'], // Sunday still in 2026-W53
    ['2027-01-04T12:00:00Z', '2027-W01'],
    ['2024-12-30T00:00:00Z', '2025-W01'], // Monday of 2025-W01
    ['2021-01-03T23:59:59Z', '2020-W53'],
    ['2026-11-30T10:00:00Z', '2026-W49'],
  ])('%s is in ISO week %s', (at, label) => {
    expect(bucketLabel('weekly', calendarDate(new Date(at)))).toBe(label);
  });
  it('uses the local date of a given zone', () => {
    const at = new Date('2026-11-30T23:30:00Z');
    expect(bucketLabel('daily', calendarDate(at))).toBe('2026-11-30');
    expect(bucketLabel('daily', calendarDate(at, 'Europe/Berlin'))).toBe('2026-12-01');
    expect(bucketLabel('monthly', calendarDate(at, 'Europe/Berlin'))).toBe('2026-12');
    expect(bucketLabel('daily', calendarDate(new Date('2026-12-01T03:00:00Z'), 'America/New_York'))).toBe('2026-11-30');
  });
});

describe('applyRetention', () => {
  const now = new Date('2026-12-03T12:00:00Z');

  it('keeps the newest per bucket over the N most recent buckets that have a snapshot (restic forget)', () => {
    const snaps = [
      snap('a', '2026-11-30T01:00:00Z'),
      snap('b', '2026-11-30T20:00:00Z'), // newest of Nov 30
      snap('c', '2026-11-25T09:00:00Z'), // a gap of days: still the 2nd most recent day with a snapshot
      snap('d', '2026-11-10T09:00:00Z'),
      snap('e', '2026-10-01T09:00:00Z'),
    ];
    const res = applyRetention({ snapshots: snaps, rule: { daily: 2, weekly: 3, monthly: 2 }, now });
    expect(res.keep.sort()).toEqual(['b', 'c', 'd', 'e']);
    expect(reasons(res, 'b')).toEqual(['daily 2026-11-30', 'weekly 2026-W49', 'monthly 2026-11']);
    expect(reasons(res, 'c')).toEqual(['daily 2026-11-25', 'weekly 2026-W48']);
    expect(reasons(res, 'd')).toEqual(['weekly 2026-W46']);
    expect(reasons(res, 'e')).toEqual(['monthly 2026-10']);
    expect(reasons(res, 'a')).toEqual(['not kept by the rule']);
    expect(res.newlyExpired).toEqual(['a']);
    // With monthly 1, October is beyond the most recent month that has a snapshot.
    expect(applyRetention({ snapshots: snaps, rule: { daily: 2, weekly: 3, monthly: 1 }, now }).expire.sort()).toEqual(['a', 'e']);
  });

  it('keeps the newest N, what is younger than minAgeDays, holds and locks, with reasons', () => {
    const snaps = [
      snap('n1', '2026-12-03T10:00:00Z'),
      snap('n2', '2026-12-02T10:00:00Z'),
      snap('young', '2026-12-01T10:00:00Z'),
      snap('held', '2026-01-01T00:00:00Z', { held: 'legal case 17' }),
      snap('locked', '2025-06-01T00:00:00Z', { lockedUntil: '2027-01-01T00:00:00Z' }),
      snap('lock-over', '2025-06-02T00:00:00Z', { lockedUntil: '2026-01-01T00:00:00Z' }),
      snap('old', '2025-01-01T00:00:00Z'),
    ];
    const res = applyRetention({ snapshots: snaps, rule: { keepLast: 2, minAgeDays: 3 }, now });
    expect(reasons(res, 'n1')).toEqual(['newest 2', 'younger than min age (3 days)']);
    expect(reasons(res, 'young')).toEqual(['younger than min age (3 days)']);
    expect(reasons(res, 'held')).toEqual(['held: legal case 17']);
    expect(reasons(res, 'locked')).toEqual(['compliance lock until 2027-01-01T00:00:00.000Z']);
    expect(res.expire.sort()).toEqual(['lock-over', 'old']);
  });

  it('applies the compliance minimum from consistentAt', () => {
    const res = applyRetention({
      snapshots: [snap('new', '2026-12-03T00:00:00Z'), snap('recent', '2026-11-20T00:00:00Z'), snap('old', '2026-10-01T00:00:00Z')],
      rule: { keepLast: 1 },
      complianceDays: 30,
      now,
    });
    expect(reasons(res, 'recent')).toEqual(['compliance lock until 2026-12-20T00:00:00.000Z']);
    expect(res.expire).toEqual(['old']);
  });

  it('keeps running snapshots and their parent, expires failed ones, and never revives an expired one', () => {
    const snaps = [
      snap('base', '2026-11-01T00:00:00Z', { kind: 'full' }),
      snap('newest', '2026-12-02T00:00:00Z', { parent: 'base' }),
      snap('run', null as unknown as string, { status: 'running', parent: 'base', consistentAt: null }),
      snap('bad', null as unknown as string, { status: 'failed', consistentAt: null }),
      snap('gone', '2026-11-30T00:00:00Z', { expired: true, held: 'late hold' }),
    ];
    const res = applyRetention({ snapshots: snaps, rule: { keepLast: 1, daily: 30 }, now });
    expect(reasons(res, 'run')).toEqual(['in progress']);
    expect(reasons(res, 'base')).toEqual(['needed as parent of running snapshot run', 'daily 2026-11-01']);
    expect(reasons(res, 'bad')).toEqual(['failed snapshot (not restorable)']);
    expect(reasons(res, 'gone')).toEqual(['already expired', 'held: late hold (ignored: already expired before)']);
    // daily 30 would keep `gone`'s day; expired snapshots are out of the bucket count.
    expect(res.keep.sort()).toEqual(['base', 'newest', 'run']);
    expect(res.newlyExpired).toEqual(['bad']);
  });

  it('a kept incremental does not keep its parent (each manifest references all its objects)', () => {
    const res = applyRetention({
      snapshots: [snap('full', '2026-10-01T00:00:00Z', { kind: 'full' }), snap('inc', '2026-12-01T00:00:00Z', { parent: 'full' })],
      rule: { keepLast: 1 },
      now,
    });
    expect(res.keep).toEqual(['inc']);
    expect(res.newlyExpired).toEqual(['full']);
  });

  it('refuses bad input with a clear error', () => {
    const bad = (args: Partial<Parameters<typeof applyRetention>[0]>, msg: string) => {
      expect(() => applyRetention({ snapshots: [], rule: { daily: 1 }, now, ...args })).toThrow(msg);
    };
    bad({ snapshots: [snap('x', '2026-01-01T00:00:00Z'), snap('x', '2026-01-02T00:00:00Z')] }, 'listed twice');
    bad({ snapshots: [snap('x', 'yesterday')] }, 'not a valid date');
    bad({ snapshots: [snap('x', null as unknown as string, { consistentAt: null })] }, 'has no consistentAt');
    bad({ timeZone: 'Mars/Olympus' }, 'unknown time zone');
    bad({ complianceDays: -3 }, 'invalid complianceDays');
    bad({ rule: { daily: 0 } }, 'the rule keeps nothing');
  });
});
