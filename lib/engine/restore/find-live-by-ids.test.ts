import { BSON } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { idKeyFromRaw } from '../format/document-key';
import { findLiveByIds, ID_CHUNK, prefersScan } from './find-live-by-ids';
import { createMemoryRestoreTarget } from './testing/memory-restore-target';
import { createMemoryRestoreJournal } from './memory-restore-journal';
import { dryRunRestore } from './dry-run-restore';
import { executeRestore } from './execute-restore';
import { expectedResultOf } from './restore-counts';
import { createRestoreFixture, makeDoc, restorePackage } from './testing/restore-fixture';
import { undoRestore } from './undo-restore';
import { verifyRestore } from './verify-restore';
import { byIdFilter } from './write-filters';

const NS = { database: 'saas_shared', collection: 'orders' };
const TENANT = { field: 'tenantId', value: 'initech' };

function seeded(n: number) {
  const target = createMemoryRestoreTarget();
  const mine = Array.from({ length: n }, (_, i) => makeDoc('initech', i));
  for (const d of mine) target.insert(NS, d);
  // Another tenant's documents with the same _ids would collide; give them their own ids.
  for (let i = 0; i < 50; i++) target.insert(NS, makeDoc('initrode', i));
  return { target, keys: mine.map((d) => idKeyFromRaw(BSON.serialize(d))) };
}

async function collect(it: AsyncIterable<Uint8Array>) {
  const out: string[] = [];
  for await (const raw of it) out.push(idKeyFromRaw(raw));
  return out.sort();
}

describe('findLiveByIds', () => {
  it('scans only for large shares of a collection', () => {
    expect(prefersScan(ID_CHUNK, 100)).toBe(false);
    expect(prefersScan(ID_CHUNK + 1, 4 * (ID_CHUNK + 1))).toBe(true);
    expect(prefersScan(ID_CHUNK + 1, 4 * (ID_CHUNK + 1) + 1)).toBe(false);
  });

  it('returns the same documents with one tenant-confined scan as with $in chunks', async () => {
    const { target, keys } = seeded(700);
    const absent = idKeyFromRaw(BSON.serialize(makeDoc('initech', 5000)));
    const wanted = [...keys.filter((_, i) => i % 3 !== 0), absent];
    const byChunks = await collect(findLiveByIds(target, NS, wanted, TENANT, { collectionCount: 1e9 }));
    const chunkFinds = target.calls.filter((c) => c.kind === 'find');
    expect(chunkFinds.length).toBe(Math.ceil(wanted.length / ID_CHUNK));
    expect(chunkFinds.every((c) => Array.isArray(c.filter?._id?.$in))).toBe(true);
    target.calls.length = 0;

    const byScan = await collect(findLiveByIds(target, NS, wanted, TENANT, { collectionCount: 700 }));
    expect(target.calls.map((c) => c.filter)).toEqual([{ tenantId: { $eq: 'initech', $not: { $type: 'array' } } }]);
    expect(byScan).toEqual(byChunks);
    expect(byScan.length).toBe(wanted.length - 1);
  });

  it('puts scalar _ids into plain equality and document _ids under $eq', () => {
    const oid = makeDoc('initech', 1)._id;
    expect(byIdFilter(oid, null)).toEqual({ _id: oid });
    expect(byIdFilter('a', TENANT)).toEqual({ _id: 'a', tenantId: { $eq: 'initech', $not: { $type: 'array' } } });
    expect(byIdFilter({ $gt: 1 }, null)).toEqual({ _id: { $eq: { $gt: 1 } } });
  });

  it('drives dry-run, execution, verify and undo of a large selection through scans', async () => {
    const f = await createRestoreFixture({ collections: { orders: 600 } });
    const orders = f.ns('orders');
    for (const d of f.docs.orders!.slice(0, 5)) f.target.remove(orders, d._id);
    for (const d of f.docs.orders!.slice(10, 13)) f.target.insert(orders, { ...d, amount: -1 });
    const plan = await f.plan(restorePackage(f.manifest, { selection: { namespaces: { include: ['orders'] } } }));
    const deps = { repo: f.repo, target: f.target };
    const dry = await dryRunRestore(plan, deps);
    expect(dry.counts).toEqual({ insert: 5, update: 3, delete: 0, unchanged: 592, conflict: 0, conflictSkipped: 0 });
    const res = await executeRestore(plan, { ...deps, journal: createMemoryRestoreJournal() }, { expectedPreState: dry.preState.fingerprint, batchSize: 4 });
    expect(res.counts).toEqual(expectedResultOf(dry.counts));
    expect((await verifyRestore(plan, deps)).ok).toBe(true);
    const finds = f.target.calls.filter((c) => c.kind === 'find' && c.ns.collection === 'orders');
    // inspection (dry-run, execution) and verify scan; the safety re-read of the 8 writes uses $in
    expect(finds.filter((c) => c.filter?._id === undefined).length).toBe(3);
    await undoRestore(plan.restoreId, deps);
    expect((await dryRunRestore(plan, deps)).preState.fingerprint).toBe(dry.preState.fingerprint);
  });
});
