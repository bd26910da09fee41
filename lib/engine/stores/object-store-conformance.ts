import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEngineError } from '../errors/engine-error';
import type { ObjectStore } from '../ports/object-store';

export type TStoreFactory = {
  /** A fresh, empty store (or one scoped to a fresh prefix). */
  create(): Promise<ObjectStore>;
  cleanup?(): Promise<void>;
  /** Multipart/streaming body size to exercise; large enough to cross the store's part size. */
  largeBodyBytes?: number;
  /** false when the server accepts a storage-class change but reports every object as hot (versitygw). */
  reportsStorageClass?: boolean;
};

async function* chunks(buf: Buffer, size: number) {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function collect(it: AsyncIterable<{ key: string; size: number }>) {
  const out: { key: string; size: number }[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function expectCode(p: Promise<unknown>, code: string) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isEngineError(err) ? err.code : err).toBe(code);
}

/** The one behavioural contract every ObjectStore implementation must meet. */
export function describeObjectStoreConformance(name: string, factory: TStoreFactory): void {
  describe(`ObjectStore conformance: ${name}`, () => {
    let store: ObjectStore;
    beforeAll(async () => {
      store = await factory.create();
    });
    afterAll(async () => {
      await factory.cleanup?.();
    });

    it('round-trips a Buffer body and reports its size', async () => {
      const body = randomBytes(1000);
      expect(await store.put('a/one', body)).toEqual({ created: true, size: 1000 });
      expect(Buffer.compare(await store.get('a/one'), body)).toBe(0);
      expect(await store.head('a/one')).toEqual({ key: 'a/one', size: 1000 });
    });

    it('stores an empty object', async () => {
      await store.put('a/empty', Buffer.alloc(0));
      expect((await store.get('a/empty')).length).toBe(0);
      expect((await store.head('a/empty'))?.size).toBe(0);
    });

    it('round-trips a streamed body larger than one part', async () => {
      const body = randomBytes(factory.largeBodyBytes ?? 3 * 1024 * 1024 + 17);
      const res = await store.put('big/streamed', chunks(body, 256 * 1024));
      expect(res.size).toBe(body.length);
      const back = await store.get('big/streamed');
      expect(back.length).toBe(body.length);
      expect(Buffer.compare(back, body)).toBe(0);
    });

    it('reads exact ranges, including the first and last byte', async () => {
      const body = Buffer.from('0123456789abcdef');
      await store.put('r/x', body);
      expect((await store.getRange('r/x', 0, 1)).toString()).toBe('0');
      expect((await store.getRange('r/x', 10, 6)).toString()).toBe('abcdef');
      expect((await store.getRange('r/x', 15, 1)).toString()).toBe('f');
      expect((await store.getRange('r/x', 4, 0)).length).toBe(0);
    });

    it('refuses ranges past the end instead of truncating', async () => {
      await expectCode(store.getRange('r/x', 10, 7), 'INVALID_ARGUMENT');
    });

    it('reports missing objects with OBJECT_MISSING and head() === null', async () => {
      await expectCode(store.get('nope/x'), 'OBJECT_MISSING');
      await expectCode(store.getRange('nope/x', 0, 1), 'OBJECT_MISSING');
      expect(await store.head('nope/x')).toBeNull();
    });

    it('never overwrites with ifAbsent, and says so', async () => {
      await store.put('w/once', Buffer.from('first'), { ifAbsent: true });
      const second = await store.put('w/once', Buffer.from('second!'), { ifAbsent: true });
      expect(second.created).toBe(false);
      expect((await store.get('w/once')).toString()).toBe('first');
    });

    it('lists by prefix in key order across many pages', async () => {
      const keys = Array.from({ length: 1105 }, (_, i) => `l/p/${String(i).padStart(5, '0')}`);
      for (let i = 0; i < keys.length; i += 50) {
        await Promise.all(keys.slice(i, i + 50).map((k) => store.put(k, Buffer.from(k))));
      }
      await store.put('l/q', Buffer.from('q'));
      await store.put('l/p-sibling', Buffer.from('s'));
      const listed = await collect(store.list('l/p/'));
      expect(listed.map((x) => x.key)).toEqual(keys);
      expect(listed[0]?.size).toBe(keys[0]?.length);
      const all = (await collect(store.list('l/'))).map((x) => x.key);
      expect(all).toEqual([...all].sort());
      expect(all).toContain('l/p-sibling');
      expect(all).toHaveLength(1107);
    });

    it('lists partial name prefixes, and nothing for unknown prefixes', async () => {
      await store.put('n/abc-1', Buffer.from('1'));
      await store.put('n/abd-2', Buffer.from('2'));
      expect((await collect(store.list('n/ab'))).map((x) => x.key)).toEqual(['n/abc-1', 'n/abd-2']);
      expect(await collect(store.list('n/zz'))).toEqual([]);
    });

    it('deletes idempotently', async () => {
      await store.put('d/x', Buffer.from('x'));
      await store.delete('d/x');
      await store.delete('d/x');
      expect(await store.head('d/x')).toBeNull();
      expect((await collect(store.list('d/'))).length).toBe(0);
    });

    it('moves an object to the cold class and still reads it (when the store tiers)', async () => {
      if (!store.setStorageClass || !store.storageClassOf) return expect(store.setStorageClass).toBeUndefined();
      const body = randomBytes(3000);
      await store.put('tier/a', body);
      expect(await store.storageClassOf('tier/a')).toBe('hot');
      await store.setStorageClass('tier/a', 'cold');
      expect(await store.storageClassOf('tier/a')).toBe(factory.reportsStorageClass === false ? 'hot' : 'cold');
      expect(Buffer.compare(await store.get('tier/a'), body)).toBe(0);
      expect(Buffer.compare(await store.getRange('tier/a', 100, 50), body.subarray(100, 150))).toBe(0);
      expect(await collect(store.list('tier/'))).toEqual([{ key: 'tier/a', size: 3000 }]);
      await expectCode(store.setStorageClass('tier/missing', 'cold'), 'OBJECT_MISSING');
      expect(await store.storageClassOf('tier/missing')).toBeNull();
      await store.setStorageClass('tier/a', 'hot');
      expect(await store.storageClassOf('tier/a')).toBe('hot');
      await store.setStorageClass('tier/a', 'cold');
      await store.delete('tier/a');
      expect(await store.storageClassOf('tier/a')).toBeNull();
      await store.put('tier/a', body);
      expect(await store.storageClassOf('tier/a')).toBe('hot');
      await store.delete('tier/a');
    });

    it('rejects keys that could escape the store', async () => {
      for (const bad of ['../x', 'a/../../x', '/abs', 'a//b', '']) {
        await expectCode(store.put(bad, Buffer.from('x')), 'INVALID_ARGUMENT');
      }
    });
  });
}
