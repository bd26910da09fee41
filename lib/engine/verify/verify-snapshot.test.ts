import { beforeEach, describe, expect, it } from 'vitest';
import { runSnapshot } from '../capture/run-snapshot';
import type { TManifest } from '../format/manifest';
import { createRepository, type TRepository } from '../repo/repository';
import { createMemoryObjectStore, type MemoryObjectStore } from '../stores/memory-object-store';
import { withFaults } from '../testing/faulty-store';
import { createMemoryMongoEndpoint } from '../testing/memory-mongo-endpoint';
import { withVersion } from '../testing/tamper';
import { createTestKit, orderDoc, rng } from '../testing/test-kit';
import { verifyRepository } from './verify-repository';
import { verifySnapshot } from './verify-snapshot';

const SMALL = { targetPackBytes: 16 * 1024, frameBytes: 4 * 1024, entriesPerSegment: 40 };
const tenant = { tenantId: 'acme', tenancy: { model: 'DATABASE' as const, database: 't_acme' } };

let store: MemoryObjectStore;
let repo: TRepository;
let full: TManifest;
let incr: TManifest;
let fullPacks: string[];

const keysUnder = (part: string) => [...store.objects.keys()].filter((k) => k.includes(`/${part}/`)).sort();
const codes = (r: { problems: { code: string }[] }) => [...new Set(r.problems.map((p) => p.code))];

beforeEach(async () => {
  store = createMemoryObjectStore();
  const kit = createTestKit(store);
  const mongo = createMemoryMongoEndpoint();
  const rand = rng(11);
  const docs = Array.from({ length: 200 }, (_, i) => orderDoc(rand, i));
  for (const d of docs) mongo.insert('t_acme', 'orders', d);
  full = (await runSnapshot({ tenant, endpoint: mongo.endpoint, ...kit, options: SMALL })).manifest;
  fullPacks = keysUnder('packs');
  mongo.replace('t_acme', 'orders', { ...docs[5]!, status: 'refunded' });
  incr = (await runSnapshot({ tenant, endpoint: mongo.endpoint, ...kit, options: SMALL, parent: full.snapshotId })).manifest;
  repo = await createRepository({ tenantId: 'acme', store, keys: kit.keys });
});

describe('verifySnapshot', () => {
  it('passes a sound repository at both levels and counts what it checked', async () => {
    for (const level of ['structural', 'read-data'] as const) {
      const r = await verifyRepository({ repo, level });
      expect(r.problems).toEqual([]);
      expect(r.ok).toBe(true);
      expect(r.checked.documents).toBe(400);
    }
    const r = await verifySnapshot({ repo, snapshotId: full.snapshotId, level: 'read-data' });
    expect(r.checked.bytesRead).toBeGreaterThan(0);
  });

  it('reports bit flips injected into pack reads, naming the pack and the snapshot', async () => {
    const faulty = { ...repo, store: withFaults(store, { flipBitOnRead: (k) => k.includes('/packs/') }) };
    const r = await verifySnapshot({ repo: faulty, snapshotId: full.snapshotId, level: 'read-data' });
    expect(r.ok).toBe(false);
    expect(codes(r)).toEqual(['INTEGRITY_MISMATCH']);
    expect(r.problems.map((p) => p.objectKey).sort()).toEqual(fullPacks);
    expect(r.problems[0]!.snapshotIds).toEqual([full.snapshotId]);
  });

  it('reports bit flips in index segments at the structural level', async () => {
    const faulty = { ...repo, store: withFaults(store, { flipBitOnRead: (k) => k.includes('/index/') }) };
    const r = await verifySnapshot({ repo: faulty, snapshotId: full.snapshotId, level: 'structural' });
    expect(codes(r)).toEqual(['INTEGRITY_MISMATCH']);
    expect(r.problems.every((p) => p.objectKey.includes('/index/'))).toBe(true);
  });

  it('reports a missing pack as OBJECT_MISSING for every snapshot that needs it', async () => {
    const victim = fullPacks[0]!;
    store.objects.delete(victim);
    const r = await verifyRepository({ repo, level: 'structural' });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ code: 'OBJECT_MISSING', objectKey: victim });
    expect(r.problems[0]!.snapshotIds.sort()).toEqual([full.snapshotId, incr.snapshotId].sort());
  });

  it('reports a missing index segment as OBJECT_MISSING', async () => {
    const victim = `tenants/${repo.tenant.tenantKey}/index/${full.collections[0]!.segments[2]!.id}`;
    store.objects.delete(victim);
    const r = await verifySnapshot({ repo, snapshotId: full.snapshotId, level: 'structural' });
    expect(r.problems).toEqual([expect.objectContaining({ code: 'OBJECT_MISSING', objectKey: victim, snapshotIds: [full.snapshotId] })]);
  });

  it("reports an intact pack stored under another pack's key as WRONG_OBJECT_KEY (both levels)", async () => {
    const [a, b] = fullPacks;
    store.objects.set(a!, Buffer.from(store.objects.get(b!)!));
    for (const level of ['structural', 'read-data'] as const) {
      const r = await verifySnapshot({ repo, snapshotId: full.snapshotId, level });
      expect(r.problems).toEqual([expect.objectContaining({ code: 'WRONG_OBJECT_KEY', objectKey: a })]);
    }
  });

  it('reports an object of an unknown format version as UNKNOWN_FORMAT_VERSION', async () => {
    const pack = fullPacks[0]!;
    store.objects.set(pack, withVersion(store.objects.get(pack)!, 2));
    const r = await verifySnapshot({ repo, snapshotId: full.snapshotId, level: 'read-data' });
    expect(r.problems).toEqual([expect.objectContaining({ code: 'UNKNOWN_FORMAT_VERSION', objectKey: pack })]);
    const manifest = `tenants/${repo.tenant.tenantKey}/snapshots/${incr.snapshotId}`;
    store.objects.set(manifest, withVersion(store.objects.get(manifest)!, 7));
    const r2 = await verifySnapshot({ repo, snapshotId: incr.snapshotId, level: 'structural' });
    expect(r2.problems).toEqual([expect.objectContaining({ code: 'UNKNOWN_FORMAT_VERSION', objectKey: manifest })]);
  });
});
