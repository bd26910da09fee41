import { describe, expect, it } from 'vitest';
import { dryRunRestore } from './dry-run-restore';
import { executeRestore } from './execute-restore';
import { createMemoryRestoreJournal } from './memory-restore-journal';
import { previewUndo } from './preview-undo';
import type { TDryRunChangeWithSides } from './dry-run-restore';
import { createRestoreFixture, makeDoc, restorePackage } from './testing/restore-fixture';
import { undoRestore } from './undo-restore';

async function restored() {
  const f = await createRestoreFixture({ collections: { orders: 12, events: 6 } });
  const orders = f.ns('orders');
  f.target.insert(orders, makeDoc('initech', 0, { kind: 'orders', amount: 1 }));
  f.target.remove(orders, makeDoc('initech', 2)._id);
  f.target.insert(orders, makeDoc('initech', 70, { kind: 'orders' }));
  const plan = await f.plan(restorePackage(f.manifest, { deleteExtraneous: true, conflictPolicy: 'overwrite' }));
  const deps = { repo: f.repo, target: f.target };
  const dry = await dryRunRestore(plan, deps);
  const journal = createMemoryRestoreJournal();
  await executeRestore(plan, { ...deps, journal }, { expectedPreState: dry.preState.fingerprint });
  return { f, plan, deps, journal, orders };
}

describe('previewUndo', () => {
  it('lists nothing right after the restore, then each document changed since, with what undo writes back', async () => {
    const { f, plan, deps, orders } = await restored();
    const clean = await previewUndo(plan.restoreId, deps);
    expect(clean.changed).toBe(0);
    expect(clean.collections.find((c) => c.name === 'orders')).toEqual({ name: 'orders', written: 3, changed: 0 });

    // After the restore: the updated order edited again, the re-inserted one edited, the deleted one created again.
    f.target.insert(orders, makeDoc('initech', 0, { kind: 'orders', amount: 999 }));
    f.target.insert(orders, makeDoc('initech', 2, { kind: 'orders', amount: 555 }));
    f.target.insert(orders, makeDoc('initech', 70, { kind: 'orders', note: 'again' }));
    const seen: TDryRunChangeWithSides[] = [];
    const after = await previewUndo(plan.restoreId, deps, { eachChanges: async (b) => void seen.push(...b) });
    expect(after.changed).toBe(3);
    expect(after.fingerprint).not.toBe(clean.fingerprint);
    expect(seen.map((c) => [c.action, (c.live as { amount?: unknown } | null)?.amount])).toEqual(
      expect.arrayContaining([
        ['update', 999],
        ['delete', 555],
        ['update', expect.anything()],
      ]),
    );
    const edited = seen.find((c) => (c.live as { amount?: unknown }).amount === 999)!;
    expect((edited.snapshot as { amount?: unknown }).amount).toBe(1);
    expect(edited.diff).toBeDefined();
    // Nothing was written: the same preview again has the same fingerprint.
    expect((await previewUndo(plan.restoreId, deps)).fingerprint).toBe(after.fingerprint);
  });

  it('the fingerprint follows the live data; after the undo, the documents it put back differ from what the restore wrote', async () => {
    const { f, plan, deps, orders, journal } = await restored();
    const clean = await previewUndo(plan.restoreId, deps);
    f.target.insert(orders, makeDoc('initech', 2, { kind: 'orders', amount: 3 }));
    expect((await previewUndo(plan.restoreId, deps)).fingerprint).not.toBe(clean.fingerprint);
    await undoRestore(plan.restoreId, { ...deps, journal });
    expect((await previewUndo(plan.restoreId, deps)).changed).toBeGreaterThan(0);
  });
});
