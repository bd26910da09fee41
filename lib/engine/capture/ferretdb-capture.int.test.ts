import { randomBytes } from 'node:crypto';
import { MongoClient, type CommandStartedEvent, type CommandSucceededEvent, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintDocuments } from '../format/fingerprint';
import { createMongoEndpoint } from '../mongo/driver-endpoint';
import { readDocument } from '../read/read-document';
import { createRepository } from '../repo/repository';
import { matches } from '../testing/match-filter';
import { pauseDuringScan } from '../testing/pausing-endpoint';
import { createTestKit } from '../testing/test-kit';
import { verifyRepository } from '../verify/verify-repository';
import { runSnapshot } from './run-snapshot';

// Against FerretDB from scripts/services.sh (MONGODB_URI). Databases get a random suffix and are
// dropped afterwards; the shared oplog is only read.
const uri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:57017/?directConnection=true';
const run = randomBytes(3).toString('hex');
const SHARED = `vl_it_shared_${run}`;
const PREFIXED = `vl_it_prefixed_${run}`;
const SMALL = { targetPackBytes: 32 * 1024, frameBytes: 8 * 1024, entriesPerSegment: 200 };

let client: MongoClient;
const started: CommandStartedEvent[] = [];
const replies = new Map<number, Document>();

type TDoc = { _id: string; [k: string]: unknown };
const coll = (db: string, name: string) => client.db(db).collection<TDoc>(name);
const doc = (tenantId: string, i: number): TDoc => ({ _id: `${tenantId}-${i}`, tenantId, n: i, body: `${tenantId} order ${i} `.repeat(8) });

beforeAll(async () => {
  client = new MongoClient(uri, { monitorCommands: true });
  client.on('commandStarted', (e) => started.push(e));
  client.on('commandSucceeded', (e: CommandSucceededEvent) => replies.set(e.requestId, e.reply as Document));
  await client.connect();
  for (const t of ['initech', 'initrode']) {
    await coll(SHARED, 'orders').insertMany(Array.from({ length: 700 }, (_, i) => doc(t, i)));
    await coll(SHARED, 'events').insertMany(Array.from({ length: 300 }, (_, i) => ({ ...doc(t, i), kind: 'event' })));
    await coll(PREFIXED, `${t}_orders`).insertMany(Array.from({ length: 50 }, (_, i) => doc(t, i)));
  }
  await coll(SHARED, 'orders').createIndex({ tenantId: 1, n: 1 }, { name: 'tenant_n' });
});

afterAll(async () => {
  await client.db(SHARED).dropDatabase();
  await client.db(PREFIXED).dropDatabase();
  await client.close();
});

const initech = { tenantId: 'initech', tenancy: { model: 'SHARED_FIELD' as const, database: SHARED, tenantField: 'tenantId', tenantValue: 'initech' } };
const batchOf = (reply: Document | undefined): Document[] => reply?.cursor?.firstBatch ?? reply?.cursor?.nextBatch ?? [];

describe('capture against FerretDB', () => {
  // Reading the oplog window is one pass over the whole shared oplog on FerretDB: allow for a big one.
  it("SHARED_FIELD: every read carries the tenant predicate and no other tenant's document is ever returned", { timeout: 600_000 }, async () => {
    started.length = 0;
    const endpoint = pauseDuringScan(createMongoEndpoint({ client }), 'orders', 300, async () => {
      const orders = coll(SHARED, 'orders');
      await orders.updateOne({ _id: 'initech-1' }, { $set: { n: -1, changed: true } });
      await orders.deleteOne({ _id: 'initech-2' });
      await orders.insertOne(doc('initech', 9999));
      await orders.updateOne({ _id: 'initrode-1' }, { $set: { n: -1 } });
      await orders.deleteOne({ _id: 'initrode-2' });
    });
    const kit = createTestKit();
    const { manifest, stats } = await runSnapshot({ tenant: initech, endpoint, ...kit, options: SMALL });
    expect(manifest.consistency.method).toBe('oplog-window');
    // The window opens a second before the scan, so setup inserts may be replayed too (harmlessly).
    expect(manifest.consistency.replayed?.deletes).toBe(1);
    expect(manifest.consistency.replayed?.updates).toBeGreaterThanOrEqual(1);
    expect(manifest.consistency.replayed?.inserts).toBeGreaterThanOrEqual(1);
    expect(stats.documents).toBe(1000);

    const cursorsOk = new Set<string>();
    let inspected = 0;
    const reads = started.filter((e) => ['find', 'aggregate', 'getMore', 'count', 'distinct'].includes(e.commandName));
    expect(reads.length).toBeGreaterThan(4);
    for (const e of reads) {
      const cmd = e.command;
      if (e.commandName === 'getMore') {
        expect(cursorsOk.has(String(cmd.getMore))).toBe(true); // continues a checked find
      } else {
        expect(e.commandName).toBe('find');
        if (e.databaseName === 'local') {
          const onlyTs = JSON.stringify(cmd.projection) === JSON.stringify({ ts: 1, _id: 0 });
          const scoped = JSON.stringify(cmd.filter).includes('"o.tenantId":"initech"') || JSON.stringify(cmd.filter).includes('"o._id":{"$in"');
          expect(onlyTs || scoped).toBe(true);
        } else {
          expect(matches({ tenantId: 'initech' }, cmd.filter)).toBe(true);
          expect(matches({ tenantId: 'initrode' }, cmd.filter)).toBe(false);
        }
      }
      const reply = replies.get(e.requestId);
      const id = reply?.cursor?.id;
      if (id && String(id) !== '0') cursorsOk.add(String(id));
      for (const d of batchOf(reply)) {
        inspected++;
        if (e.databaseName === 'local') {
          if (d.op === 'i') expect(d.o.tenantId).toBe('initech');
          if (d.op === 'u') expect(d.o.$set.tenantId).toBe('initech');
          if (d.op === 'd') expect(String(d.o._id)).toMatch(/^initech-/);
        } else if (d.tenantId !== undefined || d._id !== undefined) {
          expect(d.tenantId).toBe('initech');
        }
      }
    }

    expect(inspected).toBeGreaterThanOrEqual(1000); // the replies were really looked at

    // The snapshot equals the live tenant data as it stands after the changes made mid-scan.
    const repo = await createRepository({ tenantId: 'initech', ...kit });
    const blobSecret = await kit.keys.tenantSecret('initech', 'blob-id');
    const live = coll(SHARED, 'orders').find({ tenantId: 'initech' }, { raw: true }) as unknown as AsyncIterable<Uint8Array>;
    const orders = manifest.collections.find((c) => c.name === 'orders')!;
    expect(await fingerprintDocuments(blobSecret, 'orders', live)).toEqual({ fingerprint: orders.fingerprint, count: orders.count });
    expect((await readDocument({ repo, snapshot: manifest, collection: 'orders', id: 'initech-1' }))?.doc).toMatchObject({ changed: true });
    expect(await readDocument({ repo, snapshot: manifest, collection: 'orders', id: 'initech-2' })).toBeNull();
    expect(orders.spec.indexes.map((i) => i.name)).toContain('tenant_n');
    expect((await verifyRepository({ repo, level: 'read-data' })).ok).toBe(true);
  });

  it('COLLECTION_PREFIX: captures only the prefixed collections, under their logical names', async () => {
    const kit = createTestKit();
    const { manifest } = await runSnapshot({
      tenant: { tenantId: 'globex', tenancy: { model: 'COLLECTION_PREFIX', database: PREFIXED, collectionPrefix: 'initrode_' } },
      endpoint: createMongoEndpoint({ client }),
      ...kit,
      options: SMALL,
      consistency: 'scan-only',
    });
    expect(manifest.collections.map((c) => [c.name, c.source.collection, c.count])).toEqual([['orders', 'initrode_orders', 50]]);
  });

  it('DATABASE: an incremental snapshot after one change stores one document', async () => {
    const kit = createTestKit();
    const tenant = { tenantId: 'prefixed-db', tenancy: { model: 'DATABASE' as const, database: PREFIXED } };
    const base = { tenant, endpoint: createMongoEndpoint({ client }), ...kit, options: SMALL, consistency: 'scan-only' as const };
    const full = await runSnapshot(base);
    await coll(PREFIXED, 'initech_orders').updateOne({ _id: 'initech-7' }, { $set: { n: 70 } });
    const inc = await runSnapshot({ ...base, parent: full.manifest.snapshotId });
    expect(inc.stats.newBlobs).toBe(1);
    expect(inc.manifest.collections.map((c) => c.delta.updated)).toEqual([1, 0]);
  });
});
