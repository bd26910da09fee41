import { describe, expect, it } from 'vitest';
import { nextRuns, checkCron } from './cron';
import { resolveEffectivePolicy } from './effective-policy';
import { BUILT_IN_TEMPLATES } from './policy-templates';

const now = new Date('2026-12-03T12:00:00Z');
const [gold, silver, bronze] = BUILT_IN_TEMPLATES as [(typeof BUILT_IN_TEMPLATES)[0], (typeof BUILT_IN_TEMPLATES)[0], (typeof BUILT_IN_TEMPLATES)[0]];

describe('resolveEffectivePolicy', () => {
  it('is the template when the tenant overrides nothing, every leaf sourced from the template', () => {
    const eff = resolveEffectivePolicy({ template: silver, overrides: {}, now });
    expect(eff.policy).toEqual(silver.defaults);
    expect(new Set(Object.values(eff.sources))).toEqual(new Set(['template']));
    expect(eff.problems).toEqual([]);
  });

  it('applies overrides within bounds and names them as the tenant’s', () => {
    const eff = resolveEffectivePolicy({
      template: silver,
      overrides: { schedule: { cron: '15 1 * * *', timeZone: 'Europe/Berlin' }, retention: { daily: 30 } },
      now,
    });
    expect(eff.problems).toEqual([]);
    expect(eff.policy.schedule).toEqual({ ...silver.defaults.schedule, cron: '15 1 * * *', timeZone: 'Europe/Berlin' });
    expect(eff.policy.retention.daily).toBe(30);
    expect(eff.sources['retention.daily']).toBe('tenant');
    expect(eff.sources['retention.weekly']).toBe('template');
    expect(eff.sources['schedule.timeZone']).toBe('tenant');
  });

  it('refuses overrides outside the template bounds and keeps the template value', () => {
    const eff = resolveEffectivePolicy({ template: bronze, overrides: { retention: { yearly: 2 }, pitr: { enabled: true }, onDemand: { maxPerDay: 9 } }, now });
    expect(eff.problems.map((p) => p.leaf).sort()).toEqual(['onDemand.maxPerDay', 'pitr.enabled', 'retention.yearly']);
    expect(eff.policy.retention.yearly).toBe(0);
    expect(eff.policy.pitr.enabled).toBe(false);
    expect(eff.sources['retention.yearly']).toBe('template');
  });

  it('judges the schedule by its spacing: too often and too rarely are both refused', () => {
    const often = resolveEffectivePolicy({ template: silver, overrides: { schedule: { cron: '*/5 * * * *' } }, now });
    expect(often.problems).toEqual([{ leaf: 'schedule.cron', message: expect.stringContaining('too often') }]);
    expect(often.policy.schedule.cron).toBe(silver.defaults.schedule.cron);
    const rarely = resolveEffectivePolicy({ template: gold, overrides: { schedule: { cron: '0 2 * * 1' } }, now });
    expect(rarely.problems).toEqual([{ leaf: 'schedule.cron', message: expect.stringContaining('too rarely') }]);
  });

  it('reports an invalid cron, an unknown zone and unknown keys by leaf', () => {
    const bad = resolveEffectivePolicy({ template: silver, overrides: { schedule: { cron: '61 2 * * *' } }, now });
    expect(bad.problems[0]).toMatchObject({ leaf: 'schedule.cron', message: expect.stringContaining('minute') });
    const zone = resolveEffectivePolicy({ template: silver, overrides: { schedule: { timeZone: 'Mars/Base' } }, now });
    expect(zone.problems[0]).toMatchObject({ leaf: 'schedule.timeZone', message: expect.stringContaining('Unknown time zone') });
    const unknown = resolveEffectivePolicy({ template: silver, overrides: { retention: { hourly: 3 } }, now });
    expect(unknown.problems[0]?.message).toContain('hourly');
  });

  it('refuses a merged retention rule that keeps nothing', () => {
    const loose = { ...silver, bounds: { ...silver.bounds, retention: { ...silver.bounds.retention, keepLast: [0, 100] as [number, number] } } };
    const eff = resolveEffectivePolicy({ template: loose, overrides: { retention: { keepLast: 0, daily: 0, weekly: 0, monthly: 0 } }, now });
    expect(eff.problems).toEqual([{ leaf: 'overrides', message: expect.stringContaining('keeps nothing') }]);
    expect(eff.policy.retention).toEqual(silver.defaults.retention);
    expect(eff.sources['retention.keepLast']).toBe('template');
  });

  it('carries the compliance lock separately (the tenant cannot override it)', () => {
    const eff = resolveEffectivePolicy({ template: silver, overrides: { retention: { minAgeDays: 0 } }, complianceDays: 90, now });
    expect(eff.complianceDays).toBe(90);
    expect(eff.policy.retention.minAgeDays).toBe(0);
  });
});

describe('cron', () => {
  it('computes the next runs in the policy time zone', () => {
    expect(nextRuns('0 2 * * *', 'Europe/Berlin', now, 2).map((d) => d.toISOString())).toEqual(['2026-12-04T01:00:00.000Z', '2026-12-05T01:00:00.000Z']);
    expect(checkCron('0 2 * *', 'UTC').ok).toBe(false);
    expect(checkCron('0 2 31 2 *', 'UTC')).toEqual({ ok: false, message: expect.any(String) });
  });
});
