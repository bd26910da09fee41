import { describe, expect, it } from 'vitest';
import { POLICY_LEAVES } from '@/lib/policies/policy-document';
import { BUILT_IN_TEMPLATES } from '@/lib/policies/policy-templates';
import { fieldsFromPolicy, LEAF_META, leafOverrides, nestLeaves } from './policy-leaves';

const gold = BUILT_IN_TEMPLATES.find((t) => t.name === 'gold')!.defaults;

describe('policy form fields', () => {
  it('has a field for every leaf of the document', () => {
    expect(Object.keys(LEAF_META).sort()).toEqual([...POLICY_LEAVES].sort());
  });

  it('sends nothing when every value is the template’s, and only what differs otherwise', () => {
    const fields = fieldsFromPolicy(gold);
    expect(leafOverrides(fields, gold)).toEqual({});
    const changed = { ...fields, 'retention.daily': '40', 'scope.exclude': 'logs, audit', 'pitr.enabled': false, 'retention.weekly': '' };
    expect(leafOverrides(changed, gold)).toEqual({ 'retention.daily': 40, 'scope.exclude': ['logs', 'audit'], 'pitr.enabled': false });
    expect(nestLeaves(leafOverrides(changed, gold))).toEqual({ retention: { daily: 40 }, scope: { exclude: ['logs', 'audit'] }, pitr: { enabled: false } });
  });

  it('passes a non-number through so the schema names the problem', () => {
    expect(leafOverrides({ ...fieldsFromPolicy(gold), 'retention.daily': 'lots' }, gold)).toEqual({ 'retention.daily': 'lots' });
  });
});
