import { randomBytes } from 'node:crypto';
import { BSON, MongoClient, type CommandStartedEvent, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSnapshot } from '../capture/run-snapshot';
import { createMongoEndpoint } from '../mongo/driver-endpoint';
import type { TTenant } from '../mongo/tenancy';
import { createRepository, type TRepository } from '../repo/repository';
import { createTestKit } from '../testing/test-kit';
import { captureOplog } from './capture-oplog';
import { createMemoryPositionStore } from './capture-position';
import { baseOfManifest, computeCoverage, planPoint } from './coverage';
import { documentHistory } from './document-history';
import { createIdTenantMap, seedFromSnapshot } from './id-tenant-map';
import { listOplogSegments } from './oplog-segment';
import { tsEndOfSecond } from './pitr-entry';
import { streamCollectionAt } from './stream-collection-at';

// Against FerretDB v1.24 from scripts/services.sh (MONGODB_URI), with its local.oplog.rs.
// Databases get a random suffix and are dropped afterwards; the oplog is only read.
const uri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:57017/?directConnection=true';
const run = randomBytes(3).toString('hex');
const SHARED = `vl_pitr_shared_${run}`;
const OWNED = `vl_pitr_acme_${run}`;
let client: MongoClient;
const started: CommandStartedEvent[] = [];

const initech: TTenant = { tenantId: 'initech', tenancy: { model: 'SHARED_FIELD', database: SHARED, tenantField: 'tenantId', tenantValue: 'initech' } };
const initrode: TTenant = { tenantId: 'initrode', tenancy: { model: 'SHARED_FIELD', database: SHARED, tenantField: 'tenantId', tenantValue: 'initrode' } };
const acme: TTenant = { tenantId: 'acme', tenancy: { model: 'DATABASE', database: OWNED } };

type TDoc = { _id: string; tenantId?: string; n?: number; [k: string]: unknown };
const orders = () => client.db(SHARED).collection<TDoc>('orders');

/** Waits (on the server's clock, not a fixed sleep) until the server time is past `after`. */
async function serverPast(after: Date) {
  const admin = client.db('admin');
  for (;;) {
    const t = ((await admin.command({ hello: 1 })).localTime as Date).getTime();
    if (t > after.getTime()) return new Date(t);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const serverNow = async () => (await client.db('admin').command({ hello: 1 })).localTime as Date;
const nextSecond = async () => serverPast(new Date(Math.floor((await serverNow()).getTime() / 1000) * 1000 + 999));

beforeAll(async () => {
  client = new MongoClient(uri, { monitorCommands: true });
  client.on('commandStarted', (e) => started.push(e));
  await client.connect();
  for (const t of ['initech', 'initrode']) await orders().insertMany(Array.from({ length: 20 }, (_, i) => ({ _id: `${t}-${i}`, tenantId: t, n: i })));
  await client
    .db(OWNED)
    .collection<TDoc>('invoices')
    .insertMany(Array.from({ length: 5 }, (_, i) => ({ _id: `inv-${i}`, n: i })));
});

afterAll(async () => {
  await client.db(SHARED).dropDatabase();
  await client.db(OWNED).dropDatabase();
  await client.close();
});

describe('point-in-time capture against FerretDB', () => {
  it('records what FerretDB’s oplog entries contain, captures per tenant, restores to points between writes', { timeout: 300_000 }, async () => {
    const kit = createTestKit();
    const endpoint = createMongoEndpoint({ client });
    const { manifest } = await runSnapshot({ tenant: initech, endpoint, ...kit });
    expect(manifest.consistency.method).toBe('oplog-window');
    const base = baseOfManifest(manifest)!;
    const repos = new Map<string, TRepository>();
    const repoOf = async (t: string) => repos.get(t) ?? repos.set(t, await createRepository({ tenantId: t, ...kit })).get(t)!;
    const resolver = createIdTenantMap();
    expect(await seedFromSnapshot(resolver, await repoOf('initech'), manifest)).toBe(20);

    // Round 1 (one second), round 2 (a later second).
    await nextSecond();
    await orders().updateOne({ _id: 'initech-1' }, { $set: { n: 101, note: 'changed' } });
    await orders().replaceOne({ _id: 'initech-2' }, { tenantId: 'initech', n: 102 });
    await orders().deleteOne({ _id: 'initech-3' });
    await orders().insertOne({ _id: 'initech-new', tenantId: 'initech', n: 1000 });
    await client
      .db(SHARED)
      .collection('orders')
      .updateOne({ _id: 'initrode-1' as never }, { $inc: { n: 50 } });
    await orders().deleteOne({ _id: 'initrode-2' });
    await client
      .db(OWNED)
      .collection<TDoc>('invoices')
      .updateOne({ _id: 'inv-1' }, { $set: { paid: true } });
    const afterRound1 = await serverNow();
    await nextSecond();
    await orders().updateOne({ _id: 'initech-1' }, { $unset: { note: '' } });
    await orders().deleteMany({ _id: { $in: ['initech-4', 'initech-5', 'initech-new'] } });
    const afterRound2 = await serverNow();

    // What FerretDB writes to local.oplog.rs (recorded in README "Measured FerretDB entries").
    const oplog = await client
      .db('local')
      .collection('oplog.rs')
      .find({ ns: { $in: [`${SHARED}.orders`, `${OWNED}.invoices`] } })
      .toArray();
    const idOf = (e: Document) => String(e.o2?._id ?? e.o?._id);
    console.log('FerretDB oplog entries:', JSON.stringify(oplog.filter((e) => ['initech-1', 'initech-3', 'initrode-1', 'inv-1'].includes(idOf(e)))));
    const upd = oplog.filter((e) => e.op === 'u' && idOf(e) === 'initech-1');
    expect(upd).toHaveLength(2);
    expect(upd[0]!.o.$v).toBe(1);
    expect(Object.keys(upd[0]!.o).sort()).toEqual(['$set', '$v']);
    expect(upd[0]!.o2).toEqual({ _id: 'initech-1' });
    // $set: the whole new document, tenant field included; $unset is logged the same way
    expect(upd[0]!.o.$set).toEqual({ _id: 'initech-1', tenantId: 'initech', n: 101, note: 'changed' });
    expect(upd[1]!.o.$set).toEqual({ _id: 'initech-1', tenantId: 'initech', n: 101 });
    const inc = oplog.find((e) => e.op === 'u' && idOf(e) === 'initrode-1')!;
    expect(inc.o.$set).toEqual({ _id: 'initrode-1', tenantId: 'initrode', n: 51 });
    const del = oplog.find((e) => e.op === 'd' && idOf(e) === 'initech-3')!;
    expect(del.o).toEqual({ _id: 'initech-3' }); // deletes carry only _id: the resolver routes them
    expect(del.ts).toBeInstanceOf(BSON.Timestamp);
    const tss = oplog.map((e) => (e.ts as BSON.Timestamp).toString());
    expect(new Set(tss).size).toBe(tss.length); // every entry has its own ts

    // Capture once the settle second has passed; on FerretDB no read of a tenant collection is needed.
    await serverPast(new Date(afterRound2.getTime() + 1500));
    const positions = createMemoryPositionStore();
    started.length = 0;
    const result = await captureOplog({ endpoint, tenants: [initech, initrode, acme], repoOf, positions, resolver, startAt: base.replayFrom });
    const tenantReads = started.filter((e) => e.commandName === 'find' && e.command.find !== 'oplog.rs');
    expect(tenantReads).toEqual([]);
    expect(result.gap).toBeNull();
    // initrode-2 was inserted before the capture started and initrode has no snapshot to seed the
    // resolver: its delete cannot be routed (initech's deletes are known from initech's snapshot).
    expect(result.unresolved).toBe(1);
    const segs = await listOplogSegments(await repoOf('initech'));
    expect(segs.length).toBeGreaterThan(0);

    const stateAt = async (at: bigint) => {
      const coverage = computeCoverage({ segments: segs, bases: [base], position: positions.current() });
      const plan = planPoint(coverage, [base], at);
      const out: Record<string, Document> = {};
      for await (const d of streamCollectionAt({ repo: await repoOf('initech'), plan, segments: segs, collection: 'orders' })) {
        const doc = BSON.deserialize(d.raw);
        out[String(doc._id)] = doc;
      }
      return out;
    };
    started.length = 0;
    const t1 = await stateAt(tsEndOfSecond(afterRound1));
    expect(started).toEqual([]); // the state at T comes from the repository alone: no read of live data
    expect(Object.keys(t1)).toHaveLength(20);
    expect(t1['initech-1']).toEqual({ _id: 'initech-1', tenantId: 'initech', n: 101, note: 'changed' });
    expect(t1['initech-2']).toEqual({ _id: 'initech-2', tenantId: 'initech', n: 102 });
    expect(t1['initech-3']).toBeUndefined();
    expect(t1['initech-new']).toMatchObject({ n: 1000 });
    expect(Object.values(t1).every((d) => d.tenantId === 'initech')).toBe(true);
    const t2 = await stateAt(tsEndOfSecond(afterRound2));
    expect(Object.keys(t2).sort()).toEqual(
      Object.keys(t1)
        .filter((k) => !['initech-4', 'initech-5', 'initech-new'].includes(k))
        .sort(),
    );
    expect(t2['initech-1']).toEqual({ _id: 'initech-1', tenantId: 'initech', n: 101 });
    // live equals the state at the end
    const live = await orders().find({ tenantId: 'initech' }).toArray();
    expect(Object.fromEntries(live.map((d) => [d._id, d]))).toEqual(t2);

    const history = await documentHistory({ repo: await repoOf('initech'), manifests: [manifest], segments: segs, collection: 'orders', id: 'initech-1' });
    expect(history.map((v) => (v.source.kind === 'snapshot' ? 'snapshot' : v.source.op))).toEqual(['snapshot', 'u', 'u']);
    expect(history[1]!.changedFields).toEqual(['n', 'note']);
    expect(history[2]!.changedFields).toEqual(['note']);

    // initrode and acme got their own entries, and nothing of initech's
    const rodeSegs = await listOplogSegments(await repoOf('initrode'));
    expect(rodeSegs.length).toBeGreaterThan(0);
    const acmeSegs = await listOplogSegments(await repoOf('acme'));
    expect(acmeSegs.length).toBeGreaterThan(0);
  });
});
