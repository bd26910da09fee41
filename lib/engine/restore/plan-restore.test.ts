import { describe, expect, it } from 'vitest';
import { isEngineError } from '../errors/engine-error';
import type { ObjectStore } from '../ports/object-store';
import { restoreFailureReason } from './restore-error';
import { checkPlan } from './restore-plan';
import { createRestoreFixture, planFor, restorePackage } from './testing/restore-fixture';

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (isEngineError(e) ? e.code : String(e)),
  );

function countingStore(inner: ObjectStore, reads: string[]): ObjectStore {
  return {
    ...inner,
    get: (k) => (reads.push(k), inner.get(k)),
    getRange: (k, o, l) => (reads.push(k), inner.getRange(k, o, l)),
  };
}

describe('planRestore', () => {
  it('is deterministic and its hash binds every field', async () => {
    const f = await createRestoreFixture();
    const pkg = restorePackage(f.manifest, { selection: { filter: { status: 'paid' } } });
    const a = await f.plan(pkg);
    const b = await f.plan(pkg);
    expect(b).toEqual(a);
    expect(checkPlan(JSON.parse(JSON.stringify(a)))).toEqual(a);
    expect((await f.plan(pkg, 'r2')).planHash).not.toBe(a.planHash);
    expect((await f.plan({ ...pkg, conflictPolicy: 'skip' })).planHash).not.toBe(a.planHash);
    const moved = structuredClone(a);
    moved.namespaces[0]!.documents.pop();
    expect(
      restoreFailureReason(
        await Promise.resolve()
          .then(() => checkPlan(moved))
          .catch((e: unknown) => e),
      ),
    ).toBe('PLAN_INVALID');
    expect(a.namespaces.map((n) => [n.name, n.documents.length])).toEqual([
      ['events', 4],
      ['orders', 8],
    ]);
    for (const ns of a.namespaces) expect(ns.documents.map((d) => d[0])).toEqual(ns.documents.map((d) => d[0]).sort());
  });

  it('selecting everything reproduces the snapshot fingerprint', async () => {
    const f = await createRestoreFixture();
    const plan = await f.plan(restorePackage(f.manifest));
    for (const ns of plan.namespaces) {
      const c = f.manifest.collections.find((x) => x.name === ns.name)!;
      expect([ns.fingerprint, ns.documents.length, ns.bytes]).toEqual([c.fingerprint, c.count, c.bytes]);
    }
  });

  it('resolves in-place, side-namespace and database targets, and the lineage collection', async () => {
    const f = await createRestoreFixture();
    const targets = async (target: unknown) => {
      const p = await f.plan(restorePackage(f.manifest, { target, selection: { namespaces: { include: ['orders'] } } }));
      return [p.namespaces[0]!.target, p.lineage];
    };
    expect(await targets({ mode: 'in-place' })).toEqual([
      { database: 'saas_shared', collection: 'orders' },
      { database: 'saas_shared', collection: '__vaultline_lineage' },
    ]);
    expect((await targets({ mode: 'side-namespace' }))[0]).toEqual({ database: 'saas_shared', collection: 'orders__restore_r1' });
    expect((await targets({ mode: 'side-namespace', suffix: '__fix' }))[0]).toEqual({ database: 'saas_shared', collection: 'orders__fix' });
    expect(await targets({ mode: 'database', database: 'initech_restore' })).toEqual([
      { database: 'initech_restore', collection: 'orders' },
      { database: 'initech_restore', collection: '__vaultline_lineage' },
    ]);

    const p = await createRestoreFixture({ tenancy: { model: 'COLLECTION_PREFIX', database: 'saas_prefixed', collectionPrefix: 'globex_' } });
    const side = await p.plan(restorePackage(p.manifest, { target: { mode: 'side-namespace' }, selection: { namespaces: { include: ['orders'] } } }));
    expect([side.namespaces[0]!.source, side.namespaces[0]!.target, side.lineage]).toEqual([
      { database: 'saas_prefixed', collection: 'globex_orders' },
      { database: 'saas_prefixed', collection: 'globex_orders__restore_r1' },
      { database: 'saas_prefixed', collection: 'globex___vaultline_lineage' },
    ]);
  });

  it('with document ids (no filter, no tenant field) reads only the index segments holding them', async () => {
    const f = await createRestoreFixture({ tenancy: { model: 'DATABASE', database: 't_initech' }, collections: { orders: 40 } });
    const reads: string[] = [];
    const repo = { ...f.repo, store: countingStore(f.repo.store, reads) };
    const ids = f.docs.orders!.slice(0, 3).map((d) => ({ $oid: d._id.toHexString() }));
    const plan = await planFor(repo, f.manifest, f.scope, restorePackage(f.manifest, { tenant: 'initech', selection: { documentIds: ids } }), 'r1');
    expect(plan.totals.documents).toBe(3);
    expect(f.manifest.collections[0]!.segments.length).toBe(5);
    expect(reads.every((k) => k.includes('/index/'))).toBe(true);
    expect(new Set(reads).size).toBe(1);
  });

  it('with a filter streams the snapshot and evaluates it on every document', async () => {
    const f = await createRestoreFixture({ collections: { orders: 30 } });
    const plan = await f.plan(restorePackage(f.manifest, { selection: { filter: { amount: { $gt: 50 }, 'lines.qty': { $in: [2, 3] } } } }));
    const want = f.docs.orders!.filter((d) => d.amount > 50 && [2, 3].includes(d.lines[0].qty));
    expect(plan.namespaces[0]!.documents.length).toBe(want.length);
    expect(want.length).toBeGreaterThan(3);
  });

  it('refuses what it cannot plan', async () => {
    const f = await createRestoreFixture({ collections: { orders: 4 } });
    expect(await code(f.plan(restorePackage(f.manifest), 'bad id!'))).toBe('INVALID_ARGUMENT');
    expect(await code(f.plan(restorePackage(f.manifest, { source: { snapshotId: 'another-snapshot' } })))).toBe('INVALID_ARGUMENT');
    expect(await code(f.plan(restorePackage(f.manifest, { source: { pointInTime: '2026-01-01T00:00:00Z' } })))).toBe('INVALID_ARGUMENT');
  });
});
