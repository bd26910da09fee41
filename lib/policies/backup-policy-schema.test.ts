import { describe, expect, it } from 'vitest';
import { overridesFromFields, overridesOfUpdate, parseOverridesText, ZBackupPolicyUpdate } from './backup-policy-schema';

describe('policy update input', () => {
  it('parses JSON and YAML to the same overrides', () => {
    const json = parseOverridesText('json', '{"retention": {"daily": 3}, "schedule": {"cron": "0 4 * * *"}}');
    const yaml = parseOverridesText('yaml', "retention:\n  daily: 3\nschedule:\n  cron: '0 4 * * *'\n");
    expect(json).toEqual({ ok: true, overrides: { retention: { daily: 3 }, schedule: { cron: '0 4 * * *' } } });
    expect(yaml).toEqual(json);
    expect(parseOverridesText('yaml', '   ')).toEqual({ ok: true, overrides: {} });
  });

  it('refuses text that is not an object, or not valid, on the text field', () => {
    expect(parseOverridesText('json', '[1, 2]')).toMatchObject({ ok: false, field: 'text' });
    expect(parseOverridesText('yaml', 'just words')).toMatchObject({ ok: false, field: 'text' });
    expect(parseOverridesText('json', '{"a":')).toMatchObject({ ok: false, field: 'text', message: expect.stringMatching(/^Not valid JSON/) });
    expect(parseOverridesText('yaml', 'a: 1\na: 2\n')).toMatchObject({ ok: false, field: 'text', message: expect.stringMatching(/^Not valid YAML/) });
  });

  it('nests form fields per leaf, skips inherited (null) ones and refuses unknown names', () => {
    expect(overridesFromFields({ 'retention.daily': 5, 'retention.weekly': null, 'pitr.enabled': true })).toEqual({
      ok: true,
      overrides: { retention: { daily: 5 }, pitr: { enabled: true } },
    });
    expect(overridesFromFields({ 'retention.hourly': 1 })).toEqual({
      ok: false,
      field: 'retention.hourly',
      message: 'unknown policy value "retention.hourly"',
    });
  });

  it('accepts exactly the two sources', () => {
    expect(ZBackupPolicyUpdate.safeParse({ source: 'text', format: 'toml', text: '' }).success).toBe(false);
    expect(ZBackupPolicyUpdate.safeParse({ schedule: '0 2 * * *' }).success).toBe(false);
    const parsed = ZBackupPolicyUpdate.parse({ source: 'form', fields: { 'onDemand.maxPerDay': 1 } });
    expect(overridesOfUpdate(parsed)).toEqual({ ok: true, overrides: { onDemand: { maxPerDay: 1 } } });
  });
});
