import { describe, expect, it } from 'vitest';
import { readDocument } from '../read/read-document';
import { createRepository } from '../repo/repository';
import { createMemoryMongoEndpoint } from '../testing/memory-mongo-endpoint';
import { createTestKit } from '../testing/test-kit';
import { runSnapshot } from './run-snapshot';

// A document deleted and re-inserted during the scan window (a "replace" done as delete +
// insert, or a churn just before the scan) is replayed as d then i. The snapshot must end with
// the document, and must not store the same bytes twice.
const tenant = { tenantId: 'acme', tenancy: { model: 'DATABASE' as const, database: 't_acme' } };

describe('oplog replay of delete + re-insert', () => {
  it('re-references the blob already written for identical bytes, and writes new bytes once', async () => {
    const mongo = createMemoryMongoEndpoint({ withOplog: true });
    for (let i = 0; i < 50; i++) mongo.insert('t_acme', 'orders', { _id: i, n: i });
    mongo.tick();
    mongo.setDuringScan((_db, _coll, yielded) => {
      if (yielded !== 5) return;
      mongo.remove('t_acme', 'orders', 10); // not scanned yet: the scan reads it after it returns
      mongo.insert('t_acme', 'orders', { _id: 10, n: 10 });
      mongo.remove('t_acme', 'orders', 2); // already scanned, comes back changed
      mongo.insert('t_acme', 'orders', { _id: 2, n: 2, changed: true });
    });
    const kit = createTestKit();
    const { manifest, stats } = await runSnapshot({ tenant, endpoint: mongo.endpoint, ...kit });
    expect(manifest.consistency.method).toBe('oplog-window');
    expect(manifest.collections[0]!.count).toBe(50);
    // 50 documents + one new version of _id 2; _id 10's bytes are stored once.
    expect(stats.newBlobs).toBe(51);
    const repo = await createRepository({ tenantId: 'acme', ...kit });
    const read = (id: number) => readDocument({ repo, snapshot: manifest, collection: 'orders', id }).then((r) => r?.doc ?? null);
    expect(await read(10)).toEqual({ _id: 10, n: 10 });
    expect(await read(2)).toEqual({ _id: 2, n: 2, changed: true });
  });
});
