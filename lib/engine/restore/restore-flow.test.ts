import { describe, expect, it } from 'vitest';
import { dryRunRestore } from './dry-run-restore';
import { executeRestore } from './execute-restore';
import { createMemoryRestoreJournal } from './memory-restore-journal';
import { LINEAGE_COLLECTION } from './resolve-targets';
import { createRestoreFixture, makeDoc, restorePackage } from './testing/restore-fixture';
import { undoRestore } from './undo-restore';
import { verifyRestore } from './verify-restore';

describe('plan → dry-run → execute → verify → undo', () => {
  it('restores a filtered selection in place, proves it, and undoes it', async () => {
    const f = await createRestoreFixture();
    const orders = f.ns('orders');
    // After the snapshot: one modified, one deleted, one created inside the selection, one outside.
    f.target.insert(orders, makeDoc('initech', 0, { kind: 'orders', amount: 999 }));
    f.target.remove(orders, makeDoc('initech', 3)._id);
    f.target.insert(orders, makeDoc('initech', 90, { kind: 'orders', status: 'open' }));
    f.target.insert(orders, makeDoc('initech', 91, { kind: 'orders', status: 'paid' }));
    const otherBefore = f.target.docs(orders).filter((d) => d.tenantId === 'initrode');

    const plan = await f.plan(
      restorePackage(f.manifest, { selection: { namespaces: { include: ['orders'] }, filter: { status: 'open' } }, deleteExtraneous: true }),
    );
    expect(plan.namespaces.map((n) => [n.name, n.documents.length])).toEqual([['orders', 8]]);
    const deps = { repo: f.repo, target: f.target };
    const before = f.target.state();
    const dry = await dryRunRestore(plan, deps, { pageSize: 2 });
    expect(f.target.state()).toEqual(before);
    expect(dry.counts).toEqual({ insert: 1, update: 1, delete: 1, unchanged: 6, conflict: 0, conflictSkipped: 0 });
    expect(dry.changes.total).toBe(3);
    expect(dry.changes.items).toHaveLength(2);
    const modified = (await dryRunRestore(plan, deps, { pageSize: 50 })).changes.items.find((c) => c.action === 'update');
    expect(modified?.diff).toEqual({ amount: [999, 0] });
    expect(dry.namespaces[0]!.collection.indexes).toEqual({ missing: ['status_1'], different: [], extra: [] });

    const journal = createMemoryRestoreJournal();
    const result = await executeRestore(plan, { ...deps, journal }, { expectedPreState: dry.preState.fingerprint, batchSize: 2 });
    expect(result.counts).toEqual({ inserted: 1, updated: 1, deleted: 1, unchanged: 6, skipped: 0, failed: 0 });
    expect((await verifyRestore(plan, deps)).ok).toBe(true);
    expect(f.target.docs(orders).filter((d) => d.tenantId === 'initrode')).toEqual(otherBefore);
    expect(f.target.docs(orders).some((d) => d.n === 91)).toBe(true);
    const lineage = f.target.docs({ database: orders.database, collection: LINEAGE_COLLECTION });
    // one record per batch of 2 writes, listing the documents it wrote
    expect(lineage.map((l) => l.count)).toEqual([2, 1]);
    expect(lineage.flatMap((l) => ['inserted', 'updated', 'deleted'].flatMap((a) => l[a].map(() => a))).sort()).toEqual(['deleted', 'inserted', 'updated']);
    expect(lineage.every((l) => l.tenantId === 'initech' && l.restoreId === 'r1' && l.snapshotId === f.manifest.snapshotId)).toBe(true);

    // Executing again returns the recorded result and writes nothing.
    const writes = f.target.calls.filter((c) => c.kind === 'write').length;
    expect((await executeRestore(plan, { ...deps, journal }, { expectedPreState: dry.preState.fingerprint })).counts).toEqual(result.counts);
    expect(f.target.calls.filter((c) => c.kind === 'write').length).toBe(writes);

    await undoRestore('r1', { ...deps, journal });
    expect((await dryRunRestore(plan, deps)).preState.fingerprint).toBe(dry.preState.fingerprint);
    const data = (s: Record<string, string[]>) => Object.fromEntries(Object.entries(s).filter(([k]) => !k.endsWith(LINEAGE_COLLECTION)));
    expect(data(f.target.state())).toEqual(data(before));
    expect(f.target.docs({ database: orders.database, collection: LINEAGE_COLLECTION }).every((l) => l.undoneAt instanceof Date)).toBe(true);
  });
});
