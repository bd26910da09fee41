import { describe, expect, it } from 'vitest';
import { dryRunRestore } from './dry-run-restore';
import { executeRestore } from './execute-restore';
import { createMemoryRestoreJournal } from './memory-restore-journal';
import { createRestoreFixture, makeDoc, restorePackage } from './testing/restore-fixture';

async function drifted(policy: 'skip' | 'overwrite' | 'fail' = 'overwrite') {
  const f = await createRestoreFixture({ collections: { orders: 12, events: 6 } });
  const orders = f.ns('orders');
  f.target.insert(orders, makeDoc('initech', 0, { kind: 'orders', amount: 1, note: 'edited' }));
  f.target.insert(orders, makeDoc('initech', 1, { kind: 'orders', lines: [{ sku: 'S-1', qty: 9 }] }));
  for (const i of [2, 3, 4]) f.target.remove(orders, makeDoc('initech', i)._id);
  f.target.insert(orders, makeDoc('initech', 60, { kind: 'orders' }));
  const plan = await f.plan(restorePackage(f.manifest, { conflictPolicy: policy, deleteExtraneous: true, restoreIndexes: true }));
  return { f, orders, plan };
}

describe('dryRunRestore', () => {
  it('writes nothing, counts per collection, and pages through every change in a stable order', async () => {
    const { f, plan } = await drifted();
    const dry = await dryRunRestore(plan, { repo: f.repo, target: f.target }, { pageSize: 2 });
    expect(f.target.calls.every((c) => c.kind === 'find')).toBe(true);
    expect(dry.counts).toEqual({ insert: 3, update: 2, delete: 1, unchanged: 13, conflict: 0, conflictSkipped: 0 });
    expect(dry.namespaces.map((n) => [n.name, n.counts.unchanged])).toEqual([
      ['events', 6],
      ['orders', 7],
    ]);
    expect(dry.changes).toMatchObject({ page: 1, pageSize: 2, total: 6 });
    const pages = await Promise.all([1, 2, 3, 4].map((page) => dryRunRestore(plan, { repo: f.repo, target: f.target }, { page, pageSize: 2 })));
    const items = pages.flatMap((p) => p.changes.items);
    expect(items.length).toBe(6);
    expect(pages[3]!.changes.items).toEqual([]);
    expect(items.map((i) => i.idKey)).toEqual(items.map((i) => i.idKey).sort());
    expect(items.filter((i) => i.action === 'insert').every((i) => (i.document as { tenantId: string }).tenantId === 'initech')).toBe(true);
    expect(items.find((i) => i.action === 'delete')?.document).toMatchObject({ n: 60 });
    expect(items.find((i) => i.action === 'delete')?.id).toEqual({ $oid: makeDoc('initech', 60)._id.toHexString() });
  });

  it('shows field-level diffs from live to snapshot, nested arrays included', async () => {
    const { f, plan } = await drifted('skip');
    const dry = await dryRunRestore(plan, { repo: f.repo, target: f.target }, { pageSize: 500 });
    expect(dry.counts.conflictSkipped).toBe(2);
    const diffs = Object.fromEntries(dry.changes.items.filter((i) => i.action === 'skip').map((i) => [(i.id as { $oid: string }).$oid, i.diff]));
    expect(diffs[makeDoc('initech', 0)._id.toHexString()]).toEqual({ amount: [1, 0], note: ['edited', 0, 0] });
    expect(diffs[makeDoc('initech', 1)._id.toHexString()]).toEqual({ lines: { _t: 'a', 0: { qty: [9, 2] } } });
  });

  it('reports index and option differences; restoreIndexes creates the missing ones', async () => {
    const { f, orders, plan } = await drifted();
    await f.target.createIndexes(orders, [{ key: { n: 1 }, name: 'n_1' }]);
    const dry = await dryRunRestore(plan, { repo: f.repo, target: f.target });
    const o = dry.namespaces.find((n) => n.name === 'orders')!.collection;
    expect(o).toEqual({ exists: true, indexes: { missing: ['status_1'], different: [], extra: ['n_1'] }, options: { different: [] } });
    const res = await executeRestore(
      plan,
      { repo: f.repo, target: f.target, journal: createMemoryRestoreJournal() },
      { expectedPreState: dry.preState.fingerprint },
    );
    expect(res.indexesCreated).toEqual([{ namespace: 'orders', created: ['status_1'] }]);
    expect((await f.target.listIndexes(orders)).map((i) => i.name)).toEqual(['_id_', 'n_1', 'status_1']);
    const after = await dryRunRestore(plan, { repo: f.repo, target: f.target });
    expect(after.namespaces.find((n) => n.name === 'orders')!.collection.indexes.missing).toEqual([]);
  });

  it('a side namespace that does not exist yet: everything is an insert', async () => {
    const f = await createRestoreFixture({ collections: { orders: 5 } });
    const plan = await f.plan(restorePackage(f.manifest, { target: { mode: 'side-namespace' } }));
    const dry = await dryRunRestore(plan, { repo: f.repo, target: f.target });
    expect(dry.counts.insert).toBe(5);
    expect(dry.namespaces[0]!.collection).toMatchObject({ exists: false, indexes: { missing: ['_id_', 'status_1'] } });
  });
});
