import { describe, expect, it } from 'vitest';
import { assessRestoreRisk, RISK_LIMITS } from './assess-restore-risk';

const counts = (c: Partial<Record<'insert' | 'update' | 'delete' | 'unchanged' | 'conflict' | 'conflictSkipped', number>> = {}) => ({
  insert: 0,
  update: 0,
  delete: 0,
  unchanged: 0,
  conflict: 0,
  conflictSkipped: 0,
  ...c,
});

describe('assessRestoreRisk', () => {
  it('is low for inserts and a few in-place overwrites in few collections', () => {
    const a = assessRestoreRisk({ targetMode: 'in-place', counts: counts({ insert: 3, update: 1 }), collections: 2 });
    expect(a.risk).toBe('LOW');
    expect(a.reasons.join('\n')).toMatch(/overwrites 1 live document in place/);
    expect(a.reasons.join('\n')).toMatch(/inserts 3 missing documents/);
  });

  it('is high when live documents are deleted', () => {
    const a = assessRestoreRisk({ targetMode: 'in-place', counts: counts({ delete: 1 }), collections: 1 });
    expect(a).toMatchObject({ risk: 'HIGH' });
    expect(a.reasons[0]).toMatch(/deletes 1 live document/);
  });

  it('is high from the in-place overwrite limit on, low just below it', () => {
    expect(assessRestoreRisk({ targetMode: 'in-place', counts: counts({ update: RISK_LIMITS.inPlaceOverwrites - 1 }), collections: 1 }).risk).toBe('LOW');
    expect(assessRestoreRisk({ targetMode: 'in-place', counts: counts({ update: RISK_LIMITS.inPlaceOverwrites }), collections: 1 }).risk).toBe('HIGH');
  });

  it('does not count overwrites into a side namespace (nothing live is touched)', () => {
    const a = assessRestoreRisk({ targetMode: 'side-namespace', counts: counts({ update: 5_000 }), collections: 1 });
    expect(a.risk).toBe('LOW');
    expect(a.reasons[0]).toMatch(/side collections/);
  });

  it('is high for more collections than the limit', () => {
    expect(assessRestoreRisk({ targetMode: 'side-namespace', counts: counts(), collections: RISK_LIMITS.collections }).risk).toBe('LOW');
    const a = assessRestoreRisk({ targetMode: 'side-namespace', counts: counts(), collections: RISK_LIMITS.collections + 1 });
    expect(a.risk).toBe('HIGH');
    expect(a.reasons[0]).toMatch(/spans 4 collections/);
  });
});
