// SHARED_FIELD tenants on FerretDB: deletes carry only `_id`, so a capture process routes them
// with its `_id → tenant` map. A process that takes the lease over starts a fresh map and seeds
// it from the tenant's newest snapshot and its segments: a delete of a document known only from
// the snapshot, and one known only from a segment, both go to their tenant, none to the other.
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackup } from '@/lib/backups/run-backup';
import { createRepository, idKeyOf, listOplogSegments, readOplogSegment, tsToDate } from '@/lib/engine';
import { DEFAULT_CLUSTER } from '@/lib/schedule/data-plane-cluster';
import { createEngineContext, type TEngineContext } from '@/lib/vault/engine-context';
import { releaseCaptureLease } from './capture-lease';
import { createCaptureState, runCapturePass, type TCaptureState } from './run-capture-pass';
import { clusterThrough, createPitrScratch, resetCapture, waitFor } from './testing/pitr-fixtures';

const scratch = createPitrScratch('shared');
const shared = `it_pitr_shared_${Date.now().toString(36)}`;
let mongo: MongoClient;
let ctx: TEngineContext;
let x = { id: '', database: '' };
let y = { id: '', database: '' };

const pass = (state: TCaptureState) => runCapturePass({ ctx, state, cluster: DEFAULT_CLUSTER, leaseSeconds: 60, settleSeconds: 1, tenantIds: scratch.ids });
async function captureUpToNow(state: TCaptureState) {
  const written = Date.now();
  await waitFor('capture past the last write', async () => {
    const r = await pass(state);
    const t = await clusterThrough();
    return t !== null && tsToDate(t).getTime() >= Math.floor(written / 1000) * 1000 ? r : undefined;
  });
}
const entriesOf = async (tenantId: string) => {
  const repo = await createRepository({ tenantId, store: ctx.store, keys: ctx.keys });
  const out = [];
  for (const s of await listOplogSegments(repo)) out.push(...(await readOplogSegment(repo, s)));
  return out;
};

beforeAll(async () => {
  mongo = await new MongoClient(process.env.MONGODB_URI!).connect();
  ctx = await createEngineContext();
  await resetCapture();
  x = await scratch.add('gold', undefined, { database: shared, value: `x-${shared}` });
  y = await scratch.add('gold', undefined, { database: shared, value: `y-${shared}` });
});

afterAll(async () => {
  await resetCapture();
  await scratch.cleanup(mongo);
  await ctx?.close();
  await mongo?.close();
});

describe('SHARED_FIELD capture', () => {
  it('a process that takes over routes deletes by its seeded map: ids from the snapshot and from segments', async () => {
    const orders = mongo.db(shared).collection<{ _id: string; tenantId: string; n: number }>('orders');
    // before capture: known to the map only through x's snapshot
    await orders.insertMany([
      { _id: 'x-old', tenantId: `x-${shared}`, n: 1 },
      { _id: 'y-old', tenantId: `y-${shared}`, n: 1 },
    ]);
    await runBackup({ ctx, tenantId: x.id, kind: 'full' });
    const first = createCaptureState('shared-test-first');
    await pass(first);
    await pass(first); // x and y join
    await orders.insertMany([
      { _id: 'x-new', tenantId: `x-${shared}`, n: 2 },
      { _id: 'y-new', tenantId: `y-${shared}`, n: 2 },
    ]);
    await captureUpToNow(first);
    await releaseCaptureLease({ cluster: DEFAULT_CLUSTER, holder: first.holder });

    // another process takes over with an empty map; the deletes carry only _id
    await orders.deleteMany({ _id: { $in: ['x-old', 'x-new'] } });
    const second = createCaptureState('shared-test-second');
    await captureUpToNow(second);
    expect(second.seeded).toEqual(new Set([x.id, y.id]));

    const xs = await entriesOf(x.id);
    const deletes = xs.filter((e) => e.op === 'd').map((e) => e.idKey);
    expect(deletes.sort()).toEqual([idKeyOf('x-new'), idKeyOf('x-old')].sort());
    const ys = await entriesOf(y.id);
    expect(ys.map((e) => `${e.op}:${e.idKey}`)).toEqual([`i:${idKeyOf('y-new')}`]);
  }, 180_000);
});
