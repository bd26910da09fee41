import { describe, expect, it } from 'vitest';
import { readDocument } from '../read/read-document';
import { streamCollection } from '../read/stream-collection';
import { listSnapshots } from '../repo/list-snapshots';
import { createRepository } from '../repo/repository';
import { createMemoryObjectStore } from '../stores/memory-object-store';
import { createMemoryMongoEndpoint } from '../testing/memory-mongo-endpoint';
import { createTestKit, orderDoc, rng } from '../testing/test-kit';
import { verifyRepository } from '../verify/verify-repository';
import { runSnapshot } from './run-snapshot';

const SMALL = { targetPackBytes: 16 * 1024, frameBytes: 4 * 1024, entriesPerSegment: 64 };
const tenant = { tenantId: 'acme', tenancy: { model: 'DATABASE' as const, database: 't_acme' } };

describe('incremental snapshots', () => {
  it('store only new and changed documents, reference the rest, and record deletions', async () => {
    const store = createMemoryObjectStore();
    const kit = createTestKit(store);
    const mongo = createMemoryMongoEndpoint();
    const rand = rng(5);
    const docs = Array.from({ length: 400 }, (_, i) => orderDoc(rand, i));
    for (const d of docs) mongo.insert('t_acme', 'orders', d);
    mongo.insert('t_acme', 'customers', { _id: 'c1', name: 'Ada' });
    const full = await runSnapshot({ tenant, endpoint: mongo.endpoint, ...kit, options: SMALL });

    mongo.replace('t_acme', 'orders', { ...docs[10]!, status: 'refunded' });
    mongo.replace('t_acme', 'orders', { ...docs[20]!, status: 'refunded' });
    mongo.replace('t_acme', 'orders', { ...docs[30]! }); // rewritten with identical content
    mongo.remove('t_acme', 'orders', docs[40]!._id);
    mongo.insert('t_acme', 'orders', { _id: 'new-order', total: 5 });
    const objectsBefore = store.objects.size;
    const inc = await runSnapshot({ tenant, endpoint: mongo.endpoint, ...kit, options: SMALL, parent: full.manifest.snapshotId });

    expect(inc.manifest.kind).toBe('incremental');
    expect(inc.manifest.parent).toBe(full.manifest.snapshotId);
    expect(inc.manifest.seq).toBe(2);
    const orders = inc.manifest.collections.find((c) => c.name === 'orders')!;
    expect(orders.delta).toEqual({ inserted: 1, updated: 2, deleted: 1, unchanged: 397 });
    expect(orders.deletedIds).toHaveLength(1);
    expect(inc.stats.newBlobs).toBe(3);
    expect(inc.stats.reusedBlobs).toBe(398);
    expect(inc.stats.packsWritten).toBe(1);
    expect(inc.stats.packBytesWritten).toBeLessThan(full.stats.packBytesWritten / 10);
    const customers = inc.manifest.collections.find((c) => c.name === 'customers')!;
    expect(customers.delta.unchanged).toBe(1);
    expect(store.objects.size).toBe(objectsBefore + 1 + 7 + 1); // 1 pack, 6+1 segments, 1 manifest

    const repo = await createRepository({ tenantId: 'acme', ...kit });
    const read = (snap: string, id: unknown) => readDocument({ repo, snapshot: snap, collection: 'orders', id }).then((r) => r?.doc ?? null);
    expect((await read(inc.manifest.snapshotId, docs[10]!._id))?.status).toBe('refunded');
    expect((await read(full.manifest.snapshotId, docs[10]!._id))?.status).toBe(docs[10]!.status);
    expect(await read(inc.manifest.snapshotId, docs[99]!._id)).toEqual(docs[99]);
    expect(await read(inc.manifest.snapshotId, docs[40]!._id)).toBeNull();
    expect(await read(full.manifest.snapshotId, docs[40]!._id)).toEqual(docs[40]);
    expect(await read(inc.manifest.snapshotId, 'new-order')).toEqual({ _id: 'new-order', total: 5 });

    let n = 0;
    for await (const _ of streamCollection({ repo, snapshot: inc.manifest.snapshotId, collection: 'orders' })) n++;
    expect(n).toBe(400);
    expect((await verifyRepository({ repo, level: 'read-data' })).ok).toBe(true);

    const listing = await listSnapshots(repo);
    expect(listing.snapshots.map((s) => [s.seq, s.kind, s.changedDocuments])).toEqual([
      [1, 'full', 401],
      [2, 'incremental', 4],
    ]);
  });
});
