// Regenerates lib/engine/__fixtures__/golden-v1/ — a small repository in format v1 written by the
// filesystem store with the public TEST_MASTER_KEY. Run only when deliberately re-baselining:
//   npx tsx lib/engine/testing/generate-golden-v1.ts
// The committed fixture must keep reading after every later change (golden-v1.test.ts).
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BSON } from 'mongodb';
import { runSnapshot } from '../capture/run-snapshot';
import { createManualClock } from '../ports/clock';
import { createFsObjectStore } from '../stores/fs-object-store';
import { createMemoryMongoEndpoint } from './memory-mongo-endpoint';
import { createTestKit, orderDoc, rng } from './test-kit';

export const GOLDEN_DIR = path.join(__dirname, '..', '__fixtures__', 'golden-v1');
export const GOLDEN_TENANT = { tenantId: 'golden-tenant', tenancy: { model: 'DATABASE' as const, database: 't_golden' } };

async function main() {
  await rm(GOLDEN_DIR, { recursive: true, force: true });
  const store = createFsObjectStore(path.join(GOLDEN_DIR, 'store'));
  const kit = createTestKit(store);
  const clock = createManualClock(new Date('2026-01-02T03:04:05.000Z'));
  const mongo = createMemoryMongoEndpoint();
  const rand = rng(2026);
  const orders = Array.from({ length: 120 }, (_, i) => orderDoc(rand, i));
  mongo.createCollection('t_golden', 'orders', { validator: { $jsonSchema: { required: ['number'] } } }, [
    { v: 2, key: { number: 1 }, name: 'number_1', unique: true },
  ]);
  for (const d of orders) mongo.insert('t_golden', 'orders', d);
  mongo.insert('t_golden', 'customers', { _id: 1, name: 'Ada', tags: ['vip'] });
  const options = { targetPackBytes: 8 * 1024, frameBytes: 2 * 1024, entriesPerSegment: 25 };
  const full = await runSnapshot({ tenant: GOLDEN_TENANT, endpoint: mongo.endpoint, ...kit, clock, options: { ...options, codec: 'zstd' } });
  clock.advance(3_600_000);
  mongo.replace('t_golden', 'orders', { ...orders[3]!, status: 'refunded' });
  mongo.remove('t_golden', 'orders', orders[4]!._id);
  const inc = await runSnapshot({
    tenant: GOLDEN_TENANT,
    endpoint: mongo.endpoint,
    ...kit,
    clock,
    parent: full.manifest.snapshotId,
    options: { ...options, codec: 'gzip' },
  });
  await rm(path.join(GOLDEN_DIR, 'store', '.tmp'), { recursive: true, force: true });
  const expected = {
    snapshots: [full.manifest, inc.manifest].map((m) => ({
      snapshotId: m.snapshotId,
      seq: m.seq,
      codec: m.codec,
      collections: Object.fromEntries(m.collections.map((c) => [c.name, { count: c.count, fingerprint: c.fingerprint }])),
    })),
    samples: [
      { snapshot: 0, id: BSON.EJSON.serialize(orders[3]!._id), doc: BSON.EJSON.serialize(orders[3]!) },
      { snapshot: 1, id: BSON.EJSON.serialize(orders[3]!._id), doc: BSON.EJSON.serialize({ ...orders[3]!, status: 'refunded' }) },
      { snapshot: 1, id: BSON.EJSON.serialize(orders[4]!._id), doc: null },
      { snapshot: 1, id: BSON.EJSON.serialize(orders[119]!._id), doc: BSON.EJSON.serialize(orders[119]!) },
    ],
  };
  await writeFile(path.join(GOLDEN_DIR, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
  console.log(`golden-v1 written: ${full.manifest.snapshotId}, ${inc.manifest.snapshotId}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
