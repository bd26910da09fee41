// An ObjectStore decorator that counts what passes through it: calls, bytes read (get and
// getRange bodies) and bytes written. The restore benchmark wraps the repository's store with it
// to measure how much of a snapshot one restore reads.
import type { ObjectStore } from '../../lib/engine';

export type TStoreCounts = { gets: number; rangeGets: number; heads: number; lists: number; bytesRead: number; puts: number; bytesWritten: number };

const zero = (): TStoreCounts => ({ gets: 0, rangeGets: 0, heads: 0, lists: 0, bytesRead: 0, puts: 0, bytesWritten: 0 });

export function withCounting(inner: ObjectStore): { store: ObjectStore; counts: () => TStoreCounts; reset: () => void } {
  let c = zero();
  const store: ObjectStore = {
    label: `${inner.label} (counted)`,
    async put(key, body, options) {
      const r = await inner.put(key, body, options);
      c.puts++;
      c.bytesWritten += r.created ? r.size : 0;
      return r;
    },
    async get(key) {
      const b = await inner.get(key);
      c.gets++;
      c.bytesRead += b.byteLength;
      return b;
    },
    async getRange(key, offset, length) {
      const b = await inner.getRange(key, offset, length);
      c.rangeGets++;
      c.bytesRead += b.byteLength;
      return b;
    },
    head(key) {
      c.heads++;
      return inner.head(key);
    },
    list(prefix) {
      c.lists++;
      return inner.list(prefix);
    },
    delete: (key) => inner.delete(key),
  };
  return { store, counts: () => ({ ...c }), reset: () => void (c = zero()) };
}
