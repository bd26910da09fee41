// A target that changed between the dry-run (the approval) and execution aborts the restore with
// nothing written: no document, no lineage, no journal entry, no safety snapshot.
import { describe, expect, it } from 'vitest';
import { isEngineError } from '../errors/engine-error';
import { dryRunRestore } from './dry-run-restore';
import { executeRestore } from './execute-restore';
import { createMemoryRestoreJournal } from './memory-restore-journal';
import { restoreFailureReason } from './restore-error';
import { hashPlan } from './restore-plan';
import type { RestoreTarget } from './restore-target';
import { readSafetyRecord } from './safety-record';
import { createRestoreFixture, makeDoc, restorePackage, type TRestoreFixture } from './testing/restore-fixture';

async function prepared(overrides: Record<string, unknown> = {}) {
  const f = await createRestoreFixture({ collections: { orders: 12 } });
  const orders = f.ns('orders');
  f.target.remove(orders, makeDoc('initech', 1)._id);
  f.target.insert(orders, makeDoc('initech', 0, { kind: 'orders', amount: 500 }));
  const plan = await f.plan(restorePackage(f.manifest, { selection: { filter: { status: { $in: ['open', 'paid'] } } }, ...overrides }));
  const dry = await dryRunRestore(plan, { repo: f.repo, target: f.target });
  expect(dry.counts.insert + dry.counts.update).toBe(2);
  return { f, orders, plan, dry };
}

async function expectNothingWritten(f: TRestoreFixture, run: () => Promise<unknown>, reason: string) {
  const before = f.target.state();
  const err = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(restoreFailureReason(err)).toBe(reason);
  expect(err).toMatchObject({ code: `RESTORE_${reason}` });
  expect(f.target.state()).toEqual(before);
  expect(f.target.calls.filter((c) => c.kind === 'write')).toEqual([]);
  expect(await readSafetyRecord(f.repo, 'r1')).toBeNull();
}

describe('stale plans', () => {
  it('a document of the selection modified after the dry-run', async () => {
    const { f, orders, plan, dry } = await prepared();
    f.target.insert(orders, makeDoc('initech', 4, { kind: 'orders', amount: 77 })); // n=4 is 'paid'
    const journal = createMemoryRestoreJournal();
    await expectNothingWritten(
      f,
      () => executeRestore(plan, { repo: f.repo, target: f.target, journal }, { expectedPreState: dry.preState.fingerprint }),
      'PLAN_STALE',
    );
    expect(journal.entries.size).toBe(0);
  });

  it('a document created inside the selection (deleteExtraneous) after the dry-run', async () => {
    const { f, orders, plan, dry } = await prepared({ deleteExtraneous: true });
    f.target.insert(orders, makeDoc('initech', 77, { kind: 'orders', status: 'open' }));
    const journal = createMemoryRestoreJournal();
    await expectNothingWritten(
      f,
      () => executeRestore(plan, { repo: f.repo, target: f.target, journal }, { expectedPreState: dry.preState.fingerprint }),
      'PLAN_STALE',
    );
  });

  it('a change between the pre-state check and the safety snapshot is caught too', async () => {
    const { f, orders, plan, dry } = await prepared();
    let finds = 0;
    const racing: RestoreTarget = {
      ...f.target,
      find(ns, filter, o) {
        // 1st find: the inspection; 2nd: the safety snapshot re-reading what it will overwrite.
        if (++finds === 2) f.target.insert(orders, makeDoc('initech', 0, { kind: 'orders', amount: 501 }));
        return f.target.find(ns, filter, o);
      },
    };
    const journal = createMemoryRestoreJournal();
    const err = await executeRestore(plan, { repo: f.repo, target: racing, journal }, { expectedPreState: dry.preState.fingerprint }).catch((e: unknown) => e);
    expect(restoreFailureReason(err)).toBe('PLAN_STALE');
    expect(err).toMatchObject({ code: 'RESTORE_PLAN_STALE' });
    expect(f.target.calls.filter((c) => c.kind === 'write')).toEqual([]);
    expect(await readSafetyRecord(f.repo, 'r1')).toBeNull();
  });

  it('changes outside the selection do not make the plan stale', async () => {
    const { f, orders, plan, dry } = await prepared();
    f.target.insert(orders, makeDoc('initech', 5, { kind: 'orders', amount: 1 })); // n=5 is 'shipped'
    f.target.insert(orders, makeDoc('initrode', 1, { kind: 'orders', status: 'open', amount: 3 }));
    const res = await executeRestore(
      plan,
      { repo: f.repo, target: f.target, journal: createMemoryRestoreJournal() },
      { expectedPreState: dry.preState.fingerprint },
    );
    expect(res.counts.inserted + res.counts.updated).toBe(2);
  });

  it('a plan modified after approval is refused, also when re-hashed', async () => {
    const { f, plan, dry } = await prepared();
    const journal = createMemoryRestoreJournal();
    const tampered = { ...plan, spec: { ...plan.spec, conflictPolicy: 'skip' as const } };
    await expectNothingWritten(
      f,
      () => executeRestore(tampered, { repo: f.repo, target: f.target, journal }, { expectedPreState: dry.preState.fingerprint }),
      'PLAN_INVALID',
    );
    // Re-hashed it is a different plan: the approved pre-state binds to it only if the target agrees,
    // and its hash no longer matches the approved one (the catalog compares planHash).
    const rehashed = { ...tampered, planHash: hashPlan(tampered) };
    expect(rehashed.planHash).not.toBe(plan.planHash);
  });

  it('the safety snapshot failing means the restore does not start', async () => {
    const { f, plan, dry } = await prepared();
    const journal = createMemoryRestoreJournal();
    const failing = { ...f.kit.store, put: () => Promise.reject(new Error('disk full')) };
    const err = await executeRestore(
      plan,
      { repo: f.repo, target: f.target, journal, safetyStore: failing },
      { expectedPreState: dry.preState.fingerprint },
    ).catch((e: unknown) => e);
    expect((err as Error).message).toBe('disk full');
    expect(f.target.calls.filter((c) => c.kind === 'write')).toEqual([]);
    expect(journal.entries.size).toBe(0);
    expect(isEngineError(err)).toBe(false);
  });
});
