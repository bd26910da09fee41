import { describe, expect, it } from 'vitest';
import { runSnapshot } from '../capture/run-snapshot';
import { manifestKey, packKey } from '../format/layout';
import { createManualClock } from '../ports/clock';
import { dryRunRestore } from '../restore/dry-run-restore';
import { executeRestore } from '../restore/execute-restore';
import { createMemoryRestoreJournal } from '../restore/memory-restore-journal';
import { readSafetyRecord, safetyRecordKey } from '../restore/safety-record';
import { dataState } from '../restore/testing/random-scenario';
import { createRestoreFixture, makeDoc, restorePackage, SMALL_REPO, TENANT_ID } from '../restore/testing/restore-fixture';
import { undoRestore } from '../restore/undo-restore';
import { verifyRestore } from '../restore/verify-restore';
import type { MemoryObjectStore } from '../stores/memory-object-store';
import { createMemoryMongoEndpoint } from '../testing/memory-mongo-endpoint';
import { collectGarbage } from './collect-garbage';

// GC against the restore engine: a kept snapshot still restores after GC removed an expired one,
// and a restore's safety record (undo) keeps its packs even when its snapshot is expired.

async function fixtureWithGarbage() {
  const f = await createRestoreFixture({ collections: { orders: 30, events: 10 } });
  // A second, different snapshot of the same tenant in the same store: expired below.
  const mongo = createMemoryMongoEndpoint();
  for (let i = 0; i < 25; i++) mongo.insert(f.tenancy.database, 'orders', makeDoc('initech', 500 + i, { kind: 'other' }));
  const other = await runSnapshot({ tenant: { tenantId: TENANT_ID, tenancy: f.tenancy }, endpoint: mongo.endpoint, ...f.kit, options: SMALL_REPO });
  return { f, other: other.manifest };
}

describe('GC and restores', () => {
  it('a kept snapshot restores (and verifies) after GC deleted an expired one', async () => {
    const { f, other } = await fixtureWithGarbage();
    const clock = createManualClock(new Date('2026-12-01T00:00:00Z'));
    const args = { repo: f.repo, keptSnapshotIds: [f.manifest.snapshotId], expiredSnapshotIds: [other.snapshotId], graceMs: 1000, clock };
    await collectGarbage(args);
    clock.advance(1000);
    const r = await collectGarbage(args);
    expect(r.deletedKeys).toContain(manifestKey(f.repo.tenant.tenantKey, other.snapshotId));
    expect(r.deleted.objects).toBeGreaterThan(3);

    for (const i of [0, 1, 2, 3]) f.target.remove(f.ns('orders'), makeDoc('initech', i)._id);
    f.target.insert(f.ns('events'), makeDoc('initech', 1, { kind: 'events', amount: 99 }));
    const plan = await f.plan(restorePackage(f.manifest));
    const dry = await dryRunRestore(plan, { repo: f.repo, target: f.target });
    const res = await executeRestore(
      plan,
      { repo: f.repo, target: f.target, journal: createMemoryRestoreJournal() },
      { expectedPreState: dry.preState.fingerprint },
    );
    expect(res.counts).toMatchObject({ inserted: 4, updated: 1, deleted: 0, failed: 0 });
    const check = await verifyRestore(plan, { repo: f.repo, target: f.target });
    expect(check.ok).toBe(true);
    expect(check.namespaces.map((n) => n.checked)).toEqual([10, 30]);
  });

  it("keeps a restore safety record's packs, so undo still works when the restored snapshot was expired", async () => {
    const { f } = await fixtureWithGarbage();
    for (const i of [0, 1]) f.target.insert(f.ns('orders'), makeDoc('initech', i, { kind: 'orders', amount: 1000 + i }));
    const before = dataState(f.target);
    const plan = await f.plan(restorePackage(f.manifest));
    const dry = await dryRunRestore(plan, { repo: f.repo, target: f.target });
    const journal = createMemoryRestoreJournal();
    const res = await executeRestore(plan, { repo: f.repo, target: f.target, journal }, { expectedPreState: dry.preState.fingerprint });
    expect(res.counts.updated).toBe(2);
    const record = (await readSafetyRecord(f.repo, plan.restoreId))!;
    expect(record.packs.length).toBeGreaterThan(0);

    const store = f.kit.store as MemoryObjectStore;
    // Everything expired: only the safety record (a root GC never collects) keeps objects alive.
    const clock = createManualClock(new Date('2026-12-01T00:00:00Z'));
    const all = [...store.objects.keys()].filter((k) => k.includes('/snapshots/')).map((k) => k.slice(k.lastIndexOf('/') + 1));
    const args = { repo: f.repo, keptSnapshotIds: [], expiredSnapshotIds: all, graceMs: 0, clock };
    await collectGarbage(args);
    clock.advance(1);
    const r = await collectGarbage(args);
    expect(r.deleted.objects).toBeGreaterThan(5);
    expect(r.untouched).toBe(2); // the safety record and this run's state
    expect(store.objects.has(safetyRecordKey(f.repo.tenant.tenantKey, plan.restoreId))).toBe(true);
    for (const p of record.packs) expect(store.objects.has(packKey(f.repo.tenant.tenantKey, p.id))).toBe(true);
    expect(r.referenced.objects).toBe(1 + new Set(record.packs.map((p) => p.id)).size);

    await undoRestore(plan.restoreId, { repo: f.repo, target: f.target, journal });
    expect(dataState(f.target)).toEqual(before);
  });
});
