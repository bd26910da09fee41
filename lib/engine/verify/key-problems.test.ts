// A damaged, deleted or foreign tenant key is named (the key object and the tenant) with its own
// code, never a raw validation crash, an "empty repository" or a MAC failure of every manifest;
// verify cannot pass when the catalog expects snapshots the repository cannot show.
import { describe, expect, it } from 'vitest';
import { runSnapshot } from '../capture/run-snapshot';
import { manifestKey } from '../format/layout';
import { createLocalKeyProvider } from '../keys/local-key-provider';
import { listSnapshots } from '../repo/list-snapshots';
import { createRepository } from '../repo/repository';
import type { MemoryObjectStore } from '../stores/memory-object-store';
import { createMemoryMongoEndpoint } from '../testing/memory-mongo-endpoint';
import { flipStoredByte } from '../testing/tamper';
import { createTestKit, TEST_MASTER_KEY } from '../testing/test-kit';
import { verifyRepository } from './verify-repository';

const TENANT = 'tenant-keys';
const tenancy = { model: 'DATABASE' as const, database: 't_keys' };
const SMALL = { targetPackBytes: 8 * 1024, frameBytes: 2 * 1024, entriesPerSegment: 8 };

async function backedUp() {
  const mongo = createMemoryMongoEndpoint();
  for (let i = 0; i < 30; i++) mongo.insert('t_keys', 'orders', { _id: `o-${i}`, n: i, note: 'x'.repeat(40) });
  const kit = createTestKit();
  const first = await runSnapshot({ tenant: { tenantId: TENANT, tenancy }, endpoint: mongo.endpoint, ...kit, options: SMALL });
  const objects = (kit.store as MemoryObjectStore).objects;
  const kekKey = `keys/${kit.keys.opaqueTenantKey(TENANT)}/kek`;
  expect(objects.has(kekKey)).toBe(true);
  /** A fresh process: new provider (no cached KEK), optionally under another master key. */
  const reopen = async (masterKey: Buffer = TEST_MASTER_KEY) => {
    const keys = createLocalKeyProvider({ masterKey, keyStore: kit.store });
    return { keys, repo: await createRepository({ tenantId: TENANT, store: kit.store, keys, options: SMALL }) };
  };
  const snapshotAgain = (keys: ReturnType<typeof createLocalKeyProvider>) =>
    runSnapshot({ tenant: { tenantId: TENANT, tenancy }, endpoint: mongo.endpoint, store: kit.store, keys, options: SMALL });
  return { kit, objects, kekKey, snapshotId: first.manifest.snapshotId, reopen, snapshotAgain };
}

const named = (kekKey: string) => expect.objectContaining({ message: expect.stringMatching(new RegExp(`${kekKey}.*${TENANT}|${TENANT}.*${kekKey}`)) });

describe('tenant key problems', () => {
  it('a damaged key record (not JSON any more): KEY_DAMAGED naming the key object and tenant', async () => {
    const b = await backedUp();
    flipStoredByte(b.objects, b.kekKey, 0);
    const { repo } = await b.reopen();
    const err = await listSnapshots(repo).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'KEY_DAMAGED', details: { objectKey: b.kekKey, tenantId: TENANT } });
    expect(err).toEqual(named(b.kekKey));
    const report = await verifyRepository({ repo, level: 'structural' });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ code: 'KEY_DAMAGED', objectKey: b.kekKey, snapshotIds: [b.snapshotId] })]);
  });

  it('a flipped byte inside the wrapped key: KEY_UNWRAP_FAILED, not a MAC failure of every manifest', async () => {
    const b = await backedUp();
    // Still a well-formed record: one base64 character of the wrapped key changed.
    const text = b.objects.get(b.kekKey)!.toString('utf8');
    const at = text.indexOf('"wrapped":"') + 14;
    b.objects.set(b.kekKey, Buffer.from(text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1), 'utf8'));
    const { repo } = await b.reopen();
    await expect(listSnapshots(repo)).rejects.toMatchObject({ code: 'KEY_UNWRAP_FAILED', details: { objectKey: b.kekKey, tenantId: TENANT } });
    const report = await verifyRepository({ repo, level: 'read-data' });
    expect(report.problems.map((p) => [p.code, p.objectKey])).toEqual([['KEY_UNWRAP_FAILED', b.kekKey]]);
  });

  it('a deleted key: KEY_MISSING (not an empty repository), and a backup does not silently create a new key', async () => {
    const b = await backedUp();
    b.objects.delete(b.kekKey);
    const { repo, keys } = await b.reopen();
    await expect(listSnapshots(repo)).rejects.toMatchObject({ code: 'KEY_MISSING', details: { objectKey: b.kekKey, tenantId: TENANT } });
    const report = await verifyRepository({ repo, level: 'structural' });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ code: 'KEY_MISSING', objectKey: b.kekKey })]);
    await expect(b.snapshotAgain(keys)).rejects.toMatchObject({ code: 'KEY_MISSING' });
    expect(b.objects.has(b.kekKey)).toBe(false);
  });

  it("a wrong master key: verify with the catalog's snapshot ids fails instead of passing on an empty prefix", async () => {
    const b = await backedUp();
    const { repo } = await b.reopen(Buffer.alloc(32, 3));
    const report = await verifyRepository({ repo, level: 'structural', expected: [b.snapshotId] });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ code: 'KEY_MISSING', snapshotIds: [b.snapshotId] })]);
    expect(report.problems[0]!.message).toContain(TENANT);
  });

  it('a catalog snapshot without a manifest is a problem, naming the manifest key', async () => {
    const b = await backedUp();
    const { repo } = await b.reopen();
    const key = manifestKey(repo.tenant.tenantKey, b.snapshotId);
    expect((await verifyRepository({ repo, level: 'structural', expected: [b.snapshotId] })).ok).toBe(true);
    b.objects.delete(key);
    const report = await verifyRepository({ repo, level: 'structural', expected: [b.snapshotId] });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ code: 'SNAPSHOT_NOT_FOUND', objectKey: key, snapshotIds: [b.snapshotId] })]);
  });
});
