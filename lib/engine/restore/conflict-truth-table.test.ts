// {skip, overwrite, fail} × {unchanged, modified, deleted, created since the snapshot} ×
// deleteExtraneous × (selection by ids | by filter): dry-run counts, execution result, the final
// document, and that nothing else in the target moved.
import { BSON, type Document } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { dryRunRestore } from './dry-run-restore';
import { executeRestore } from './execute-restore';
import { createMemoryRestoreJournal } from './memory-restore-journal';
import { LINEAGE_COLLECTION } from './resolve-targets';
import { emptyCounts, expectedResultOf, type TRestoreCounts } from './restore-counts';
import { restoreFailureReason } from './restore-error';
import { readSafetyRecord } from './safety-record';
import { createRestoreFixture, makeDoc, restorePackage } from './testing/restore-fixture';
import { verifyRestore } from './verify-restore';

type TScenario = 'unchanged' | 'modified' | 'deleted' | 'created';
type TPolicy = 'skip' | 'overwrite' | 'fail';
const I = 4; // the document under test (created: 95)

/** The truth table, written out: counts, and the document the target holds afterwards. */
function expected(
  policy: TPolicy,
  scenario: TScenario,
  deleteExtraneous: boolean,
): { counts: Partial<TRestoreCounts>; final: 'snapshot' | 'live' | 'absent'; aborts?: true } {
  switch (scenario) {
    case 'unchanged':
      return { counts: { unchanged: 1 }, final: 'snapshot' };
    case 'deleted':
      return { counts: { insert: 1 }, final: 'snapshot' };
    case 'created':
      return deleteExtraneous ? { counts: { delete: 1 }, final: 'absent' } : { counts: {}, final: 'live' };
    case 'modified':
      if (policy === 'overwrite') return { counts: { update: 1 }, final: 'snapshot' };
      if (policy === 'skip') return { counts: { conflictSkipped: 1 }, final: 'live' };
      return { counts: { conflict: 1 }, final: 'live', aborts: true };
  }
}

const cases = (['skip', 'overwrite', 'fail'] as const).flatMap((policy) =>
  (['unchanged', 'modified', 'deleted', 'created'] as const).flatMap((scenario) =>
    [false, true].flatMap((deleteExtraneous) => (['ids', 'filter'] as const).map((by) => ({ policy, scenario, deleteExtraneous, by }))),
  ),
);

const hex = (d: Document | undefined) => (d ? Buffer.from(BSON.serialize(d)).toString('hex') : undefined);

describe('conflict policy truth table (memory target)', () => {
  it.each(cases)('$policy × $scenario × deleteExtraneous=$deleteExtraneous by $by', async ({ policy, scenario, deleteExtraneous, by }) => {
    const f = await createRestoreFixture({ collections: { orders: 12 } });
    const orders = f.ns('orders');
    const n = scenario === 'created' ? 95 : I;
    const snapshotDoc = makeDoc('initech', I, { kind: 'orders' });
    const liveDoc = scenario === 'created' ? makeDoc('initech', 95, { kind: 'orders' }) : makeDoc('initech', I, { kind: 'orders', amount: 1234 });
    if (scenario === 'modified' || scenario === 'created') f.target.insert(orders, liveDoc);
    if (scenario === 'deleted') f.target.remove(orders, snapshotDoc._id);
    const selection = by === 'ids' ? { documentIds: [{ $oid: liveDoc._id.toHexString() }] } : { filter: { n } };
    const plan = await f.plan(
      restorePackage(f.manifest, { selection: { namespaces: { include: ['orders'] }, ...selection }, conflictPolicy: policy, deleteExtraneous }),
    );

    const deps = { repo: f.repo, target: f.target };
    const before = f.target.state();
    const dry = await dryRunRestore(plan, deps);
    const want = expected(policy, scenario, deleteExtraneous);
    expect(dry.counts).toEqual({ ...emptyCounts(), ...want.counts });

    const journal = createMemoryRestoreJournal();
    const run = executeRestore(plan, { ...deps, journal }, { expectedPreState: dry.preState.fingerprint });
    if (want.aborts) {
      const err = await run.then(
        () => null,
        (e: unknown) => e,
      );
      expect(restoreFailureReason(err)).toBe('PLAN_CONFLICT');
      expect(err).toMatchObject({ code: 'RESTORE_CONFLICT' });
      expect(f.target.state()).toEqual(before);
      expect(await readSafetyRecord(f.repo, 'r1')).toBeNull();
      expect(journal.entries.size).toBe(0);
    } else {
      const result = await run;
      expect(result.counts).toEqual(expectedResultOf(dry.counts));
      expect((await verifyRestore(plan, deps)).ok).toBe(true);
    }
    const final = f.target.docs(orders).find((d) => d.n === n && d.tenantId === 'initech');
    expect(hex(final)).toBe(want.final === 'absent' ? undefined : want.final === 'live' ? hex(liveDoc) : hex(snapshotDoc));
    // Nothing but the document under test (and lineage) changed.
    const others = (s: Record<string, string[]>) =>
      Object.entries(s)
        .filter(([k]) => !k.endsWith(LINEAGE_COLLECTION))
        .map(([k, docs]) => [k, docs.filter((d) => d !== hex(final) && d !== hex(liveDoc) && d !== hex(snapshotDoc))]);
    expect(others(f.target.state())).toEqual(others(before));
  });
});
