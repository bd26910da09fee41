import { ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../read/read-document';
import { streamCollection } from '../read/stream-collection';
import { createRepository } from '../repo/repository';
import { createMemoryMongoEndpoint } from '../testing/memory-mongo-endpoint';
import { createTestKit, orderDoc, rng } from '../testing/test-kit';
import { runSnapshot } from './run-snapshot';

const SMALL = { targetPackBytes: 16 * 1024, frameBytes: 8 * 1024, entriesPerSegment: 50 };

function seeded(n: number) {
  const mongo = createMemoryMongoEndpoint();
  const rand = rng(7);
  const docs = Array.from({ length: n }, (_, i) => orderDoc(rand, i));
  mongo.createCollection('t_acme', 'orders', {}, [{ v: 2, key: { number: 1 }, name: 'number_1', unique: true }]);
  for (const d of docs) mongo.insert('t_acme', 'orders', d);
  return { mongo, docs };
}

const tenant = { tenantId: 'acme', tenancy: { model: 'DATABASE' as const, database: 't_acme' } };

describe('runSnapshot (full) and the readers', () => {
  it('captures every document; each reads back byte-identical by _id and by streaming', async () => {
    const { mongo, docs } = seeded(300);
    const kit = createTestKit();
    const { manifest, stats } = await runSnapshot({ tenant, endpoint: mongo.endpoint, ...kit, options: SMALL });
    expect(manifest.kind).toBe('full');
    expect(manifest.seq).toBe(1);
    expect(stats.documents).toBe(300);
    expect(stats.packsWritten).toBeGreaterThan(1);
    const coll = manifest.collections[0]!;
    expect(coll.count).toBe(300);
    expect(coll.segments.length).toBe(6);
    expect(coll.spec.indexes.map((i) => i.name)).toEqual(['_id_', 'number_1']);
    expect(manifest.consistency.method).toBe('scan-only');

    const repo = await createRepository({ tenantId: 'acme', ...kit });
    for (const d of [docs[0]!, docs[150]!, docs[299]!]) {
      const got = await readDocument({ repo, snapshot: manifest.snapshotId, collection: 'orders', id: d._id });
      expect(got?.doc).toEqual(d);
    }
    expect(await readDocument({ repo, snapshot: manifest, collection: 'orders', id: new ObjectId() })).toBeNull();

    const seen = new Set<string>();
    for await (const d of streamCollection({ repo, snapshot: manifest, collection: 'orders' })) seen.add(d.blobId);
    expect(seen.size).toBe(300);
  });

  it('reports progress and refuses to run when aborted', async () => {
    const { mongo } = seeded(50);
    const phases: string[] = [];
    const kit = createTestKit();
    await runSnapshot({ tenant, endpoint: mongo.endpoint, ...kit, options: SMALL, onProgress: (p) => phases.push(p.phase) });
    expect(phases).toContain('scan');
    expect(phases.at(-1)).toBe('done');
    const ac = new AbortController();
    ac.abort();
    await expect(runSnapshot({ tenant, endpoint: mongo.endpoint, ...kit, options: SMALL, signal: ac.signal })).rejects.toMatchObject({
      code: 'ABORTED',
    });
  });
});
