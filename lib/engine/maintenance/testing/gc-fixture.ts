// Test fixture for GC: a tenant history written by the engine's own capture (memory Mongo +
// memory store + local keys), with the documents each snapshot must read back.
import { BSON, type Document } from 'mongodb';
import { runSnapshot } from '../../capture/run-snapshot';
import type { TManifest } from '../../format/manifest';
import { createManualClock } from '../../ports/clock';
import type { ObjectStore } from '../../ports/object-store';
import { readIndexSegment } from '../../format/index-segment';
import { indexKey, manifestKey, packKey } from '../../format/layout';
import { streamCollection } from '../../read/stream-collection';
import { createRepository, type TRepository } from '../../repo/repository';
import { createMemoryObjectStore, type MemoryObjectStore } from '../../stores/memory-object-store';
import { createMemoryMongoEndpoint } from '../../testing/memory-mongo-endpoint';
import { createTestKit, orderDoc, rng } from '../../testing/test-kit';

export const SMALL = { targetPackBytes: 8 * 1024, frameBytes: 2 * 1024, entriesPerSegment: 16 };
const canonical = (d: Document) => BSON.EJSON.stringify(d, { relaxed: false });

export type THistorySnapshot = { manifest: TManifest; expected: Record<string, string[]> };

/**
 * Five snapshots: full → inc → inc → full → inc, with updates, deletes and inserts between them.
 * The clock starts at `start` and advances one hour per snapshot.
 */
export async function buildHistory(args: { store: ObjectStore; tenantId: string; seed: number; start?: Date }) {
  const { store, tenantId } = args;
  const kit = createTestKit(store);
  const db = `t_${tenantId}`;
  const tenant = { tenantId, tenancy: { model: 'DATABASE' as const, database: db } };
  const mongo = createMemoryMongoEndpoint();
  const clock = createManualClock(args.start ?? new Date('2026-11-01T00:00:00Z'));
  const rand = rng(args.seed);
  const orders = Array.from({ length: 150 }, (_, i) => orderDoc(rand, i));
  const customers: Document[] = Array.from({ length: 20 }, (_, i) => ({ _id: `c${i}`, name: `customer ${i}`, tier: i % 3 }));
  for (const d of orders) mongo.insert(db, 'orders', d);
  for (const d of customers) mongo.insert(db, 'customers', d);
  const live = { orders: new Map(orders.map((d) => [String(d._id), d])), customers: new Map(customers.map((d) => [String(d._id), d])) };
  const put = (coll: 'orders' | 'customers', d: Document) => {
    if (live[coll].has(String(d._id))) mongo.replace(db, coll, d);
    else mongo.insert(db, coll, d);
    live[coll].set(String(d._id), d);
  };
  const del = (coll: 'orders' | 'customers', id: unknown) => {
    mongo.remove(db, coll, id);
    live[coll].delete(String(id));
  };
  const history: THistorySnapshot[] = [];
  const snap = async (parent: string | null) => {
    clock.advance(3_600_000);
    const { manifest } = await runSnapshot({ tenant, endpoint: mongo.endpoint, ...kit, options: SMALL, clock, parent, consistency: 'scan-only' });
    const expected: Record<string, string[]> = {};
    for (const [name, m] of Object.entries(live)) expected[name] = [...m.values()].map(canonical).sort();
    history.push({ manifest, expected });
    return manifest.snapshotId;
  };
  const ordersNow = () => [...live.orders.values()];

  const s1 = await snap(null);
  ordersNow()
    .slice(0, 10)
    .forEach((d) => put('orders', { ...d, status: 'refunded' }));
  ordersNow()
    .slice(10, 15)
    .forEach((d) => del('orders', d._id));
  for (let i = 0; i < 10; i++) put('orders', orderDoc(rand, 1000 + i));
  const s2 = await snap(s1);
  ordersNow()
    .slice(20, 40)
    .forEach((d) => put('orders', { ...d, status: 'shipped', note: 'x' }));
  for (let i = 0; i < 5; i++) put('customers', { _id: `n${i}`, name: `new ${i}`, tier: 1 });
  await snap(s2);
  const s4 = await snap(null);
  ordersNow()
    .slice(0, 5)
    .forEach((d) => put('orders', { ...d, status: 'cancelled' }));
  ['c1', 'c2', 'c3'].forEach((id) => del('customers', id));
  await snap(s4);

  const repo = await createRepository({ tenantId, ...kit, options: SMALL });
  return { kit, repo, history, ids: history.map((h) => h.manifest.snapshotId) };
}

/** What a snapshot reads back, per collection, in the fixture's canonical form. */
export async function readBack(repo: TRepository, manifest: TManifest): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const c of manifest.collections) {
    const docs: string[] = [];
    for await (const { raw } of streamCollection({ repo, snapshot: manifest.snapshotId, collection: c.name })) docs.push(canonical(BSON.deserialize(raw)));
    out[c.name] = docs.sort();
  }
  return out;
}

/** Every object key a snapshot needs (manifest, segments, packs), computed independently of GC. */
export async function objectsOf(repo: TRepository, manifest: TManifest): Promise<Set<string>> {
  const t = repo.tenant.tenantKey;
  const keys = new Set([manifestKey(t, manifest.snapshotId)]);
  for (const c of manifest.collections) {
    for (const ref of c.segments) {
      keys.add(indexKey(t, ref.id));
      for (const e of await readIndexSegment(repo, c.name, ref)) keys.add(packKey(t, e.pack.id));
    }
  }
  return keys;
}

/** An independent copy of a memory store (same bytes, separate map). */
export function cloneStore(store: MemoryObjectStore): MemoryObjectStore {
  const copy = createMemoryObjectStore({ pageSize: 7 });
  for (const [k, v] of store.objects) copy.objects.set(k, Buffer.from(v));
  return copy;
}
