import { describe, expect, it } from 'vitest';
import { runSnapshot } from '../capture/run-snapshot';
import { isEngineError } from '../errors/engine-error';
import { readIndexSegment } from '../format/index-segment';
import { manifestKey } from '../format/layout';
import { readManifest } from '../format/manifest-io';
import { readDocument } from '../read/read-document';
import { createMemoryObjectStore } from '../stores/memory-object-store';
import { verifyRepository } from '../verify/verify-repository';
import { createMemoryMongoEndpoint } from '../testing/memory-mongo-endpoint';
import { withHeader } from '../testing/tamper';
import { createTestKit, orderDoc, rng } from '../testing/test-kit';
import { createRepository } from './repository';

const SMALL = { targetPackBytes: 16 * 1024, frameBytes: 4 * 1024, entriesPerSegment: 40 };

/** Two tenants whose databases hold byte-identical documents, backed up into one store. */
async function twoTenants() {
  const store = createMemoryObjectStore();
  const kit = createTestKit(store);
  const mongo = createMemoryMongoEndpoint();
  const rand = rng(3);
  const docs = Array.from({ length: 60 }, (_, i) => orderDoc(rand, i));
  for (const d of docs) {
    mongo.insert('t_a', 'orders', d);
    mongo.insert('t_b', 'orders', d);
  }
  const snap = (id: string, db: string) =>
    runSnapshot({ tenant: { tenantId: id, tenancy: { model: 'DATABASE', database: db } }, endpoint: mongo.endpoint, ...kit, options: SMALL });
  const a = (await snap('tenant-a', 't_a')).manifest;
  const b = (await snap('tenant-b', 't_b')).manifest;
  const repoA = await createRepository({ tenantId: 'tenant-a', ...kit });
  const repoB = await createRepository({ tenantId: 'tenant-b', ...kit });
  return { store, kit, mongo, docs, a, b, repoA, repoB };
}

const code = async (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (isEngineError(e) ? e.code : String(e)),
  );

describe('tenant isolation', () => {
  it('identical documents in two tenants share no blob id and no object key', async () => {
    const { store, a, b, repoA, repoB } = await twoTenants();
    const blobs = async (repo: typeof repoA, m: typeof a) =>
      new Set((await readIndexSegment(repo, 'orders', m.collections[0]!.segments[0]!)).map((e) => e.blobId));
    const ba = await blobs(repoA, a);
    const bb = await blobs(repoB, b);
    expect(ba.size).toBe(40);
    expect([...ba].filter((x) => bb.has(x))).toEqual([]);
    expect(a.collections[0]!.fingerprint).not.toBe(b.collections[0]!.fingerprint);
    const keys = (t: string) => new Set([...store.objects.keys()].filter((k) => k.startsWith(`tenants/${t}/`)).map((k) => k.split('/').pop()));
    const ka = keys(repoA.tenant.tenantKey);
    expect(ka.size).toBeGreaterThan(3);
    expect([...keys(repoB.tenant.tenantKey)].filter((x) => ka.has(x))).toEqual([]);
    expect(repoA.tenant.tenantKey).not.toContain('tenant');
  });

  it("rejects tenant B's manifest placed in tenant A's repository", async () => {
    const { store, b, repoA, repoB } = await twoTenants();
    const forged = manifestKey(repoA.tenant.tenantKey, b.snapshotId);
    store.objects.set(forged, store.objects.get(manifestKey(repoB.tenant.tenantKey, b.snapshotId))!);
    expect(await code(readManifest(repoA, b.snapshotId))).toBe('MANIFEST_TENANT_MISMATCH');
    // …also when the forger rewrites the cleartext tenant folder in the header.
    store.objects.set(
      forged,
      withHeader(store.objects.get(forged)!, (h) => (h.tenant = repoA.tenant.tenantKey)),
    );
    expect(await code(readManifest(repoA, b.snapshotId))).toBe('MANIFEST_MAC_INVALID');
  });

  it('rejects an older manifest of A stored under a newer name (rollback)', async () => {
    const { store, kit, mongo, a, repoA } = await twoTenants();
    mongo.insert('t_a', 'orders', { _id: 'late', v: 1 });
    const newer = (
      await runSnapshot({ tenant: { tenantId: 'tenant-a', tenancy: { model: 'DATABASE', database: 't_a' } }, endpoint: mongo.endpoint, ...kit, options: SMALL })
    ).manifest;
    const key = manifestKey(repoA.tenant.tenantKey, newer.snapshotId);
    const old = store.objects.get(manifestKey(repoA.tenant.tenantKey, a.snapshotId))!;
    store.objects.set(key, old);
    expect(await code(readManifest(repoA, newer.snapshotId))).toBe('MANIFEST_NAME_MISMATCH');
    store.objects.set(
      key,
      withHeader(old, (h) => (h.oid = newer.snapshotId)),
    );
    expect(await code(readManifest(repoA, newer.snapshotId))).toBe('MANIFEST_MAC_INVALID');
    expect((await readManifest(repoA, a.snapshotId)).seq).toBe(1);
  });

  it('crypto-shredding: after destroyTenantKey A is unreadable, B still verifies', async () => {
    const { kit, docs, a, repoA, repoB } = await twoTenants();
    expect((await readDocument({ repo: repoA, snapshot: a.snapshotId, collection: 'orders', id: docs[1]!._id }))?.doc).toEqual(docs[1]);
    await kit.keys.destroyTenantKey('tenant-a');
    expect(await code(readManifest(repoA, a.snapshotId))).toBe('KEY_DESTROYED');
    expect(await code(readDocument({ repo: repoA, snapshot: a, collection: 'orders', id: docs[1]!._id }))).toBe('KEY_DESTROYED');
    // A fresh provider (another worker, no cache) agrees, and cannot silently mint a new KEK.
    const other = createTestKit(kit.store).keys;
    expect(await code(other.wrapDataKey('tenant-a', Buffer.alloc(32), 'x'))).toBe('KEY_DESTROYED');
    const rA = await verifyRepository({ repo: repoA, level: 'read-data' });
    expect(rA.problems.map((p) => p.code)).toEqual(['KEY_DESTROYED']);
    const rB = await verifyRepository({ repo: repoB, level: 'read-data' });
    expect(rB.ok).toBe(true);
    expect(rB.checked.documents).toBe(60);
  });
});
