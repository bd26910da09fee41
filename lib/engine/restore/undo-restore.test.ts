import { describe, expect, it } from 'vitest';
import { dryRunRestore } from './dry-run-restore';
import { executeRestore } from './execute-restore';
import { createMemoryRestoreJournal } from './memory-restore-journal';
import { restoreFailureReason } from './restore-error';
import { createRestoreFixture, makeDoc, restorePackage } from './testing/restore-fixture';
import { dataState } from './testing/random-scenario';
import { undoRestore } from './undo-restore';

async function drifted(overrides: Record<string, unknown>) {
  const f = await createRestoreFixture({ collections: { orders: 12, events: 6 } });
  const orders = f.ns('orders');
  const side = { ...orders, collection: 'orders__old' };
  f.target.insert(side, makeDoc('initech', 5, { kind: 'orders', amount: 55 }));
  f.target.insert(side, makeDoc('initech', 6, { kind: 'orders' }));
  f.target.insert(side, makeDoc('initech', 80, { kind: 'orders' }));
  f.target.insert(orders, makeDoc('initech', 0, { kind: 'orders', amount: 1 }));
  f.target.insert(orders, makeDoc('initech', 1, { kind: 'orders', amount: 2 }));
  f.target.remove(orders, makeDoc('initech', 2)._id);
  f.target.insert(orders, makeDoc('initech', 70, { kind: 'orders' }));
  const plan = await f.plan(restorePackage(f.manifest, { deleteExtraneous: true, ...overrides }));
  const deps = { repo: f.repo, target: f.target };
  const dry = await dryRunRestore(plan, deps);
  return { f, plan, deps, dry, before: dataState(f.target) };
}

describe('undoRestore', () => {
  it.each([
    ['overwrite in place', { conflictPolicy: 'overwrite' }],
    ['skip in place', { conflictPolicy: 'skip' }],
    ['into a pre-filled side namespace', { conflictPolicy: 'overwrite', target: { mode: 'side-namespace', suffix: '__old' } }],
  ])('%s: brings back the pre-restore fingerprint, and is idempotent', async (_name, overrides) => {
    const { f, plan, deps, dry, before } = await drifted(overrides);
    const journal = createMemoryRestoreJournal();
    const res = await executeRestore(plan, { ...deps, journal }, { expectedPreState: dry.preState.fingerprint, batchSize: 2 });
    expect(res.counts.inserted + res.counts.updated + res.counts.deleted).toBeGreaterThan(0);
    expect((await dryRunRestore(plan, deps)).preState.fingerprint).not.toBe(dry.preState.fingerprint);
    const undo = await undoRestore(plan.restoreId, { ...deps, journal });
    expect(undo).toEqual({ restoreId: plan.restoreId, restored: res.counts.updated + res.counts.deleted, deleted: res.counts.inserted });
    expect((await dryRunRestore(plan, deps)).preState.fingerprint).toBe(dry.preState.fingerprint);
    expect(dataState(f.target)).toEqual(before);
    await undoRestore(plan.restoreId, { ...deps, journal });
    expect(dataState(f.target)).toEqual(before);
    // An undone restore cannot be executed again with the same id.
    const again = await executeRestore(plan, { ...deps, journal }, { expectedPreState: dry.preState.fingerprint }).catch((e: unknown) => e);
    expect(restoreFailureReason(again)).toBe('JOURNAL_MISMATCH');
  });

  it('undoes an execution that crashed half-way', async () => {
    const { f, plan, deps, dry, before } = await drifted({ conflictPolicy: 'overwrite' });
    let ops = 0;
    f.target.beforeWriteOp = () => {
      if (++ops === 3) throw new Error('crash');
    };
    await expect(
      executeRestore(plan, { ...deps, journal: createMemoryRestoreJournal() }, { expectedPreState: dry.preState.fingerprint, batchSize: 2 }),
    ).rejects.toThrow('crash');
    f.target.beforeWriteOp = null;
    expect(dataState(f.target)).not.toEqual(before);
    await undoRestore(plan.restoreId, deps);
    expect(dataState(f.target)).toEqual(before);
  });

  it('without a safety snapshot there is nothing to undo', async () => {
    const { deps } = await drifted({});
    const err = await undoRestore('never-ran', deps).catch((e: unknown) => e);
    expect(restoreFailureReason(err)).toBe('SAFETY_MISSING');
  });
});
