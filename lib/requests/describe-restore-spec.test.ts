import { describe, expect, it } from 'vitest';
import { describeRestoreSpec } from './describe-restore-spec';

const dry = { counts: { insert: 3, update: 1, delete: 0 }, collections: [{ name: 'orders' }, { name: 'customers' }] };

describe('describeRestoreSpec', () => {
  it('says what, where from and how, in words', () => {
    const s = describeRestoreSpec(
      { source: { snapshotId: 'snap-1' }, target: { mode: 'in-place' }, conflictPolicy: 'overwrite', selection: { documentIds: ['a', 'b'] } },
      dry,
    );
    expect(s).toBe('Restore 4 documents of orders, customers in place, from snapshot snap-1, selected by 2 listed ids; conflicts: overwrite.');
  });

  it('mentions side collections and deletions', () => {
    expect(
      describeRestoreSpec(
        { source: { snapshotId: 's' }, target: { mode: 'side-namespace' }, deleteExtraneous: true },
        { ...dry, counts: { insert: 0, update: 0, delete: 1 } },
      ),
    ).toMatch(/^Restore 1 document of orders, customers into side collections \(live data untouched\).*documents created since the snapshot are deleted\.$/);
  });
});
