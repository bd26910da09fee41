import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ObjectStore } from '../ports/object-store';
import { createMemoryMongoEndpoint } from '../testing/memory-mongo-endpoint';
import { createTestKit, orderDoc, rng } from '../testing/test-kit';
import { runSnapshot } from './run-snapshot';

// Per-collection stored bytes: what each collection's new blobs cost in packs. Two collections
// with very different compressibility make a wrong attribution (e.g. by document count, or
// everything to one collection) visible.
const SMALL = { targetPackBytes: 64 * 1024, frameBytes: 8 * 1024, entriesPerSegment: 100 };

function world(collections: ('orders' | 'blobs')[]) {
  const mongo = createMemoryMongoEndpoint();
  const rand = rng(11);
  if (collections.includes('orders')) for (let i = 0; i < 400; i++) mongo.insert('t_acme', 'orders', orderDoc(rand, i));
  // Incompressible: random bytes.
  if (collections.includes('blobs')) for (let i = 0; i < 100; i++) mongo.insert('t_acme', 'blobs', { _id: i, data: randomBytes(600) });
  return mongo;
}
const tenant = { tenantId: 'acme', tenancy: { model: 'DATABASE' as const, database: 't_acme' } };

/** Bytes of everything under tenants/ (the repository, without the key records). */
async function repositoryBytes(store: ObjectStore): Promise<number> {
  let n = 0;
  for await (const o of store.list('tenants/')) n += o.size;
  return n;
}

describe('storedBytesByCollection', () => {
  it('accounts for every byte the snapshot stored, and charges each collection what it costs alone', async () => {
    const kit = createTestKit();
    const both = await runSnapshot({ tenant, endpoint: world(['orders', 'blobs']).endpoint, ...kit, options: SMALL });
    const { stats } = both;
    expect(stats.storedBytes).toBe(await repositoryBytes(kit.store));
    expect(stats.storedBytes).toBe(stats.packBytesWritten + stats.segmentBytesWritten + stats.manifestBytes);
    const per = stats.storedBytesByCollection;
    expect(Object.keys(per).sort()).toEqual(['blobs', 'orders']);
    expect(per.orders! + per.blobs!).toBe(stats.storedBytes - stats.manifestBytes);

    for (const name of ['orders', 'blobs'] as const) {
      const alone = (await runSnapshot({ tenant, endpoint: world([name]).endpoint, ...createTestKit(), options: SMALL })).stats;
      const cost = alone.storedBytes - alone.manifestBytes;
      const logical = both.manifest.collections.find((c) => c.name === name)!.bytes;
      // Same documents, same codec: only the shared boundary frame and pack overhead differ.
      expect(Math.abs(per[name]! - cost)).toBeLessThan(0.03 * cost + 1024);
      if (name === 'blobs') expect(per[name]!).toBeGreaterThan(logical * 0.9);
      else expect(per[name]!).toBeLessThan(logical * 0.75); // by document count it would be ~0.8 of all
    }
  });

  it('an incremental charges only the collections that changed', async () => {
    const mongo = world(['orders', 'blobs']);
    const kit = createTestKit();
    const full = await runSnapshot({ tenant, endpoint: mongo.endpoint, ...kit, options: SMALL });
    mongo.replace('t_acme', 'blobs', { _id: 3, data: randomBytes(600) });
    mongo.replace('t_acme', 'blobs', { _id: 4, data: randomBytes(600) });
    const before = await repositoryBytes(kit.store);
    const inc = await runSnapshot({ tenant, endpoint: mongo.endpoint, ...kit, options: SMALL, parent: full.manifest.snapshotId });
    expect(inc.stats.storedBytes).toBe((await repositoryBytes(kit.store)) - before);
    // orders is unchanged: no new blobs, and its parent's index segments are reused.
    expect(inc.stats.storedBytesByCollection.orders).toBe(0);
    expect(inc.stats.storedBytesByCollection.blobs).toBe(inc.stats.packBytesWritten + inc.stats.segmentBytesWritten);
    expect(inc.stats.packBytesWritten).toBeGreaterThan(1200);
  });
});
