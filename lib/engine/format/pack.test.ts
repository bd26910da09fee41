import { BSON } from 'mongodb';
import { describe, expect, it } from 'vitest';
import type { ObjectStore } from '../ports/object-store';
import { createMemoryObjectStore } from '../stores/memory-object-store';
import { createTestKit } from '../testing/test-kit';
import { blobIdOf, idKeyFromRaw } from './document-key';
import { packKey } from './layout';
import { openPackBytes, readFrame, readPackTrailer } from './pack-reader';
import { createPackWriter } from './pack-writer';

const tenant = { tenantId: 't1', tenantKey: 'k1' };

function docs(n: number) {
  return Array.from({ length: n }, (_, i) => BSON.serialize({ _id: i, name: `customer ${i}`, city: ['Oslo', 'Lyon', 'Porto'][i % 3], n: i * 7 }));
}

describe('packs', () => {
  it('can be re-indexed from the pack alone: the trailer lists every blob, which re-hashes to its id', async () => {
    const { store, keys } = createTestKit();
    const secret = await keys.tenantSecret('t1', 'blob-id', { create: true });
    const writer = createPackWriter({ tenant, keys, store, codec: 'zstd', targetPackBytes: 1024, frameBytes: 512 });
    const written = new Map<string, Uint8Array>();
    for (const raw of docs(200)) {
      const id = blobIdOf(secret, 'customers', idKeyFromRaw(raw), raw);
      written.set(id, raw);
      await writer.add('customers', id, raw);
    }
    const packs = await writer.finish();
    expect(packs.length).toBeGreaterThan(1);
    const recovered = new Map<string, Buffer>();
    for (const info of packs) {
      const key = packKey('k1', info.id);
      const opened = await openPackBytes({ tenant, keys, store }, key, await store.get(key));
      expect(await readPackTrailer({ tenant, keys, store }, info)).toEqual(opened.trailer);
      opened.trailer.frames.forEach((f, n) => {
        for (const [collection, blobId, off, len] of f.blobs) {
          const raw = opened.frames[n]!.subarray(off, off + len);
          expect(blobIdOf(secret, collection, idKeyFromRaw(raw), raw)).toBe(blobId);
          recovered.set(blobId, raw);
        }
      });
      expect(await readFrame({ tenant, keys, store }, info, 0)).toEqual(opened.frames[0]);
    }
    expect(recovered.size).toBe(200);
    for (const [id, raw] of written) expect(Buffer.compare(recovered.get(id)!, Buffer.from(raw))).toBe(0);
  });

  it('applies backpressure: never more uploads in flight than allowed', async () => {
    const inner = createMemoryObjectStore();
    const { keys } = createTestKit(inner);
    let inflight = 0;
    let peak = 0;
    const slow: ObjectStore = {
      ...inner,
      async put(key, body, opts) {
        inflight++;
        peak = Math.max(peak, inflight);
        await new Promise((r) => setTimeout(r, 5));
        try {
          return await inner.put(key, body, opts);
        } finally {
          inflight--;
        }
      },
    };
    const writer = createPackWriter({ tenant, keys, store: slow, codec: 'none', targetPackBytes: 1024, frameBytes: 512, maxInflightUploads: 1 });
    for (const raw of docs(300)) await writer.add('c', `${raw.length}`, raw);
    const packs = await writer.finish();
    expect(packs.length).toBeGreaterThan(10);
    expect(peak).toBeLessThanOrEqual(2); // the one being awaited plus at most one in flight
  });

  it('attributes stored bytes to collections: mixed frames by raw bytes, exactly summing to the packs', async () => {
    const { store, keys } = createTestKit();
    const writer = createPackWriter({ tenant, keys, store, codec: 'none', targetPackBytes: 4096, frameBytes: 1000 });
    // Every frame holds 3 raw bytes of 'big' per raw byte of 'small' (codec none: sealed ≈ raw).
    const big = BSON.serialize({ _id: 0, pad: 'x'.repeat(312) });
    const small = BSON.serialize({ _id: 0, pad: 'x'.repeat(88) });
    expect(big.length).toBe(3 * small.length);
    for (let i = 0; i < 60; i++) {
      await writer.add('big', `b${i}`, big);
      await writer.add('small', `s${i}`, small);
    }
    const packs = await writer.finish();
    const per = writer.storedBytesByCollection();
    const total = packs.reduce((n, p) => n + p.size, 0);
    expect(per.get('big')! + per.get('small')!).toBe(total);
    expect(Math.abs(per.get('big')! - total * 0.75)).toBeLessThanOrEqual(packs.length * 2);
  });
});
