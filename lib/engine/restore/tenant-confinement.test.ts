// SHARED_FIELD confinement: every query and write the restore path sends carries the tenant
// predicate; a snapshot or plan holding another tenant's document is refused before any write;
// targets outside the tenant are refused; an _id collision with another tenant fails that one
// document instead of touching the other tenant's.
import type { Document } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { isEngineError } from '../errors/engine-error';
import { compileFilter } from '../filter/compile-filter';
import { matchesFilter } from '../filter/matches-filter';
import { fingerprintBlobIds } from '../format/fingerprint';
import { dryRunRestore } from './dry-run-restore';
import { executeRestore } from './execute-restore';
import { createMemoryRestoreJournal } from './memory-restore-journal';
import { planFor, restorePackage, createRestoreFixture, makeDoc } from './testing/restore-fixture';
import { forgeSnapshot } from './testing/forge-snapshot';
import { hashPlan, type TRestorePlan } from './restore-plan';
import { createSnapshotReader } from './snapshot-reader';
import { undoRestore } from './undo-restore';
import { verifyRestore } from './verify-restore';

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (isEngineError(e) ? e.code : String(e)),
  );
const rehash = (p: TRestorePlan): TRestorePlan => ({ ...p, planHash: hashPlan(p) });
const PREDICATE = { $eq: 'initech', $not: { $type: 'array' } };

describe('tenant confinement (SHARED_FIELD, memory target)', () => {
  it('every find and write filter carries the tenant predicate and matches none of the other tenant', async () => {
    const f = await createRestoreFixture({ collections: { orders: 12, events: 6 } });
    const orders = f.ns('orders');
    f.target.insert(orders, makeDoc('initech', 0, { kind: 'orders', amount: 1 }));
    f.target.remove(orders, makeDoc('initech', 3)._id);
    f.target.insert(orders, makeDoc('initech', 50, { kind: 'orders' }));
    const plan = await f.plan(restorePackage(f.manifest, { deleteExtraneous: true, selection: { filter: { amount: { $gte: 0 } } } }));
    const deps = { repo: f.repo, target: f.target };
    const dry = await dryRunRestore(plan, deps, { pageSize: 500 });
    const journal = createMemoryRestoreJournal();
    await executeRestore(plan, { ...deps, journal }, { expectedPreState: dry.preState.fingerprint, batchSize: 3 });
    await verifyRestore(plan, deps);
    await undoRestore(plan.restoreId, { ...deps, journal });

    const foreign = ['orders', 'events'].flatMap((c) => f.target.docs(f.ns(c)).filter((d) => d.tenantId === 'initrode'));
    expect(foreign.length).toBe(12);
    const assertConfined = (filter: Document) => {
      expect(filter.tenantId ?? filter.$and?.[0]?.tenantId).toEqual(PREDICATE);
      const compiled = compileFilter(filter);
      if (!compiled.ok) throw compiled.error;
      for (const d of foreign) expect(matchesFilter(compiled.filter, d)).toBe(false);
    };
    const finds = f.target.calls.filter((c) => c.kind === 'find');
    const writes = f.target.calls.filter((c) => c.kind === 'write').flatMap((c) => c.ops!);
    expect(finds.length).toBeGreaterThan(5);
    expect(new Set(writes.map((w) => w.op))).toEqual(new Set(['insert', 'replace', 'delete', 'set']));
    for (const c of finds) assertConfined(c.filter!);
    for (const w of writes) {
      // An insert has no filter: it can only create, and the document carries the tenant's value.
      if (w.op === 'insert') expect(w.document.tenantId).toBe('initech');
      else assertConfined(w.filter);
      if (w.op === 'replace') expect(w.replacement.tenantId).toBe('initech');
    }
  });

  it('refuses a snapshot that holds a document of another tenant (filter and id selections)', async () => {
    const f = await createRestoreFixture({ collections: { orders: 6 } });
    const docs = [...f.docs.orders!, makeDoc('initrode', 1, { kind: 'orders' })];
    const forged = await forgeSnapshot(f.repo, f.manifest, { orders: docs });
    const plan = (selection: Record<string, unknown>) => planFor(f.repo, forged, f.scope, restorePackage(forged, { selection }), 'r1');
    expect(await code(plan({ filter: { status: 'paid' } }))).toBe('TENANT_SCOPE_VIOLATION');
    expect(await code(plan({ documentIds: [{ $oid: makeDoc('initrode', 1)._id.toHexString() }] }))).toBe('TENANT_SCOPE_VIOLATION');
    // Ids that only reach the tenant's own documents plan fine.
    expect((await plan({ documentIds: [{ $oid: docs[0]!._id.toHexString() }] })).totals.documents).toBe(1);
  });

  it("refuses to execute a plan holding another tenant's document, before any write", async () => {
    const f = await createRestoreFixture({ collections: { orders: 6 } });
    const stranger = makeDoc('initrode', 1, { kind: 'orders' });
    const forged = await forgeSnapshot(f.repo, f.manifest, { orders: [...f.docs.orders!, stranger] });
    f.target.remove(f.ns('orders'), f.docs.orders![0]!._id);
    f.target.remove(f.ns('orders'), stranger._id);
    const ok = await planFor(
      f.repo,
      forged,
      f.scope,
      restorePackage(forged, { selection: { documentIds: [{ $oid: f.docs.orders![0]!._id.toHexString() }] } }),
      'r1',
    );
    const strangerEntry = (await createSnapshotReader(f.repo, forged).entry('orders', `07${stranger._id.toHexString()}`))!;
    const documents = [...ok.namespaces[0]!.documents, [strangerEntry.idKey, strangerEntry.blobId, strangerEntry.length] as [string, string, number]].sort(
      (a, b) => (a[0] < b[0] ? -1 : 1),
    );
    expect(strangerEntry).not.toBeNull();
    const bad = rehash({ ...ok, namespaces: [{ ...ok.namespaces[0]!, documents, fingerprint: fingerprintBlobIds(documents.map((d) => d[1])) }] });
    const dry = await dryRunRestore(bad, { repo: f.repo, target: f.target });
    expect(dry.counts.insert).toBe(2);
    const before = f.target.state();
    const journal = createMemoryRestoreJournal();
    expect(await code(executeRestore(bad, { repo: f.repo, target: f.target, journal }, { expectedPreState: dry.preState.fingerprint }))).toBe(
      'TENANT_SCOPE_VIOLATION',
    );
    expect(f.target.state()).toEqual(before);
    expect(journal.entries.size).toBe(0);
  });

  it('refuses plans whose targets or predicate leave the tenant', async () => {
    const f = await createRestoreFixture({ collections: { orders: 6 } });
    const plan = await f.plan(restorePackage(f.manifest));
    const deps = { repo: f.repo, target: f.target };
    const ns = plan.namespaces[0]!;
    const variants: TRestorePlan[] = [
      { ...plan, tenantPredicate: { field: 'tenantId', value: 'initrode' } },
      { ...plan, tenantPredicate: null },
      { ...plan, namespaces: [{ ...ns, target: { database: 'admin', collection: 'orders' } }] },
      { ...plan, namespaces: [{ ...ns, target: { database: 'other_db', collection: 'orders' } }] },
      {
        ...plan,
        lineage: { database: 'saas_shared', collection: 'orders' },
        namespaces: [{ ...ns, target: { database: 'saas_shared', collection: 'orders' } }],
      },
      { ...plan, tenantId: 'tenant-other' },
    ];
    for (const v of variants) expect(await code(dryRunRestore(rehash(v), deps))).toBe('TENANT_SCOPE_VIOLATION');
    expect(f.target.calls).toEqual([]);
  });

  it('an _id taken by another tenant in the shared collection fails that document only', async () => {
    const f = await createRestoreFixture({ collections: { orders: 6 } });
    const orders = f.ns('orders');
    const mine = f.docs.orders![2]!;
    f.target.remove(orders, mine._id);
    const squatter = { ...makeDoc('initrode', 9, { kind: 'orders' }), _id: mine._id };
    f.target.insert(orders, squatter);
    f.target.remove(orders, f.docs.orders![3]!._id);
    const plan = await f.plan(restorePackage(f.manifest));
    const dry = await dryRunRestore(plan, { repo: f.repo, target: f.target });
    expect(dry.counts.insert).toBe(2);
    const res = await executeRestore(
      plan,
      { repo: f.repo, target: f.target, journal: createMemoryRestoreJournal() },
      { expectedPreState: dry.preState.fingerprint },
    );
    expect(res.counts).toMatchObject({ inserted: 1, failed: 1 });
    expect(res.failed[0]).toMatchObject({ namespace: 'orders', action: 'insert', code: 11000 });
    expect(f.target.docs(orders).find((d) => d._id.equals(mine._id))).toEqual(squatter);
    const verify = await verifyRestore(plan, { repo: f.repo, target: f.target });
    expect(verify.ok).toBe(false);
    expect(verify.namespaces[0]!.mismatched).toEqual([`07${mine._id.toHexString()}`]);
  });
});
