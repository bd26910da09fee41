import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { createLocalKeyProvider, createS3Client, createS3ObjectStore, loadMasterKey, referencedObjects, type ObjectStore } from '@/lib/engine';
import { createEngineContext, type TEngineContext } from '@/lib/vault/engine-context';
import { lockSnapshotObjects } from './lock-snapshot-objects';
import { createScratchTenant, type TScratchTenant } from './testing/scratch-tenant';

// Object Lock on the local S3 server: a bucket created with Object Lock, a tenant under a 1-day
// compliance lock; after a backup every object the snapshot needs carries retention until
// consistentAt + 1 day, the row records locked_until, and the server refuses to delete a locked
// pack. GOVERNANCE mode here, so the test can clean up with the bypass header.
const bucket = `it-lock-${Date.now()}-${randomBytes(3).toString('hex')}`;
const config = {
  endpoint: process.env.S3_ENDPOINT,
  region: process.env.S3_REGION ?? 'us-east-1',
  bucket,
  accessKeyId: process.env.S3_ACCESS_KEY_ID,
  secretAccessKey: process.env.S3_SECRET_ACCESS_KEY,
};
const client = createS3Client(config);
let base: TEngineContext;
let ctx: TEngineContext;
let store: ObjectStore;
let t: TScratchTenant;

beforeAll(async () => {
  await client.send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }));
  base = await createEngineContext();
  store = createS3ObjectStore({ ...config, client });
  ctx = { ...base, store, keys: createLocalKeyProvider({ masterKey: await loadMasterKey(process.env), keyStore: store }) };
  t = await createScratchTenant(ctx, { label: 'lock', documents: 60 });
  await db.tenant.update({ where: { id: t.tenantId }, data: { retentionLockDays: 1 } });
}, 120_000);

afterAll(async () => {
  // Governance retention: the bypass header lets the test remove what it wrote.
  for (;;) {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
    if (!page.Contents?.length) break;
    for (const o of page.Contents) await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: o.Key!, BypassGovernanceRetention: true }));
  }
  await t?.cleanup();
  await client.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => undefined);
  await base?.close();
  await db.$disconnect();
}, 120_000);

describe('Object Lock for a tenant under a compliance lock', () => {
  it('retains every object of the snapshot, records locked_until, and the server refuses a delete', { timeout: 120_000 }, async () => {
    const id = await t.backup('full');
    const skipped = await lockSnapshotObjects({
      ctx: { ...ctx, store: { ...store, extendRetention: undefined } },
      tenantId: t.tenantId,
      snapshotId: id,
      mode: 'governance',
    });
    expect(skipped).toEqual({ skipped: expect.stringContaining('has no Object Lock') });
    const r = await lockSnapshotObjects({ ctx, tenantId: t.tenantId, snapshotId: id, mode: 'governance' });
    if (!('lockedUntil' in r)) throw new Error(r.skipped);
    const row = await db.snapshot.findUniqueOrThrow({ where: { id } });
    expect(row.lockedUntil?.getTime()).toBe(row.consistentAt!.getTime() + 86_400_000);
    const objects = await referencedObjects({ repo: t.repo, snapshotIds: [id] });
    expect(r.objects).toBe(objects.size);
    expect(objects.size).toBeGreaterThan(2);
    for (const key of objects.keys()) {
      const ret = await store.retentionOf!(key);
      expect(ret?.mode).toBe('governance');
      // the server stores whole seconds
      expect(Math.abs(ret!.until.getTime() - row.lockedUntil!.getTime())).toBeLessThan(1_000);
    }
    const pack = [...objects.keys()].find((k) => k.includes('/packs/'))!;
    await expect(store.delete(pack)).rejects.toThrow();
    expect(await store.head(pack)).not.toBeNull();
    // Extending never shortens: a second lock with an earlier date leaves the later one.
    await store.extendRetention!(pack, { mode: 'governance', until: new Date(Date.now() + 60_000) });
    expect(Math.abs((await store.retentionOf!(pack))!.until.getTime() - row.lockedUntil!.getTime())).toBeLessThan(1_000);
    expect(await t.readDataOk(id)).toEqual({ ok: true, problems: [] });
  });
});
