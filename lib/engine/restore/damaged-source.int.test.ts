// Against FerretDB and the local S3 server (scripts/services.sh): a DATABASE-tenancy restore from
// a snapshot whose last pack frame was damaged in the bucket writes nothing to the database and
// fails naming the pack and the snapshot. Scratch database it_dmg_<hex> and S3 prefix, removed
// afterwards.
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSnapshot } from '../capture/run-snapshot';
import { readIndexSegment, type TIndexEntry } from '../format/index-segment';
import { packKey } from '../format/layout';
import type { TManifest } from '../format/manifest';
import { createLocalKeyProvider } from '../keys/local-key-provider';
import { createMongoEndpoint } from '../mongo/driver-endpoint';
import type { MongoEndpoint } from '../ports/mongo-endpoint';
import type { ObjectStore } from '../ports/object-store';
import { createRepository, type TRepository } from '../repo/repository';
import type { TTenantScope } from '../restore-spec/tenant-scope';
import { createS3ObjectStore } from '../stores/s3-object-store';
import { TEST_MASTER_KEY } from '../testing/test-kit';
import { createDriverRestoreTarget } from './driver-restore-target';
import { dryRunRestore } from './dry-run-restore';
import { executeRestore } from './execute-restore';
import { createMemoryRestoreJournal } from './memory-restore-journal';
import { readSafetyRecord } from './safety-record';
import { planFor, restorePackage } from './testing/restore-fixture';

const hex = randomBytes(4).toString('hex');
const DB = `it_dmg_${hex}`;
const PREFIX = `it-dmg-${hex}`;
const SMALL = { targetPackBytes: 16 * 1024, frameBytes: 2 * 1024, entriesPerSegment: 32 };
const tenancy = { model: 'DATABASE' as const, database: DB };
const scope: TTenantScope = { slug: 'dmg', tenancy, namespaces: ['orders'], databases: [] };

let client: MongoClient;
let store: ObjectStore;
let repo: TRepository;
let manifest: TManifest;

beforeAll(async () => {
  client = await new MongoClient(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:57017/?directConnection=true').connect();
  await client
    .db(DB)
    .collection('orders')
    .insertMany(Array.from({ length: 300 }, (_, i) => ({ _id: `o-${String(i).padStart(4, '0')}` as never, n: i, note: `order ${i} `.repeat(8) })));
  const env = process.env;
  store = createS3ObjectStore({
    endpoint: env.S3_ENDPOINT ?? 'http://127.0.0.1:59000',
    region: env.S3_REGION ?? 'us-east-1',
    bucket: env.S3_BUCKET ?? 'vaultline',
    accessKeyId: env.S3_ACCESS_KEY_ID ?? 'vaultline',
    secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? 'vaultline-local-secret',
    prefix: PREFIX,
  });
  const keys = createLocalKeyProvider({ masterKey: TEST_MASTER_KEY, keyStore: store });
  const source = createMongoEndpoint({ client });
  const endpoint: MongoEndpoint = { ...source, listCollections: (db) => (db === 'local' ? Promise.resolve([]) : source.listCollections(db)) };
  manifest = (await runSnapshot({ tenant: { tenantId: 'it-dmg', tenancy }, endpoint, store, keys, options: SMALL, consistency: 'scan-only' })).manifest;
  repo = await createRepository({ tenantId: 'it-dmg', store, keys, options: SMALL });
});

afterAll(async () => {
  await client?.db(DB).dropDatabase();
  await client?.close();
  if (store) for await (const o of store.list('')) await store.delete(o.key);
});

describe('restore from a damaged repository (FerretDB + S3)', () => {
  it('a damaged last frame of a pack: nothing is written to the database, the error names the pack and the snapshot', async () => {
    const orders = client.db(DB).collection('orders');
    await orders.deleteMany({});
    const plan = await planFor(repo, manifest, scope, restorePackage(manifest, { tenant: 'dmg' }), 'dmg1');
    const target = createDriverRestoreTarget({ client });
    const dry = await dryRunRestore(plan, { repo, target });
    expect(dry.counts.insert).toBe(300);

    const entries: TIndexEntry[] = [];
    for (const ref of manifest.collections[0]!.segments) entries.push(...(await readIndexSegment(repo, 'orders', ref)));
    const last = entries.reduce((a, b) => (b.idKey > a.idKey ? b : a));
    expect(last.frame).toBeGreaterThan(0);
    const key = packKey(repo.tenant.tenantKey, last.pack.id);
    const bytes = await store.get(key);
    const at = last.pack.frames[last.frame]!.offset + 24;
    bytes[at] = bytes[at]! ^ 0xff;
    await store.put(key, bytes);

    const err = (await executeRestore(
      plan,
      { repo, target, journal: createMemoryRestoreJournal() },
      { expectedPreState: dry.preState.fingerprint, batchSize: 20 },
    ).then(
      () => null,
      (e: unknown) => e,
    )) as Error & { code?: string };
    expect(err?.code).toBe('INTEGRITY_MISMATCH');
    expect(await orders.countDocuments({})).toBe(0);
    expect(err.message).toContain(key);
    expect(err.message).toContain(manifest.snapshotId);
    expect(await client.db(DB).collection('__vaultline_lineage').countDocuments({})).toBe(0);
    expect(await readSafetyRecord(repo, 'dmg1')).toBeNull();
  });
});
