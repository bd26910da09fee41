import { EngineError } from '../errors/engine-error';
import { assertValidKey, bodyToBuffer, type ObjectStore, type TObjectInfo } from '../ports/object-store';

/** In-process store for tests; `objects` is exposed so tests can inject corruption directly. */
export type MemoryObjectStore = ObjectStore & { readonly objects: Map<string, Buffer> };

export function createMemoryObjectStore(options: { pageSize?: number } = {}): MemoryObjectStore {
  const objects = new Map<string, Buffer>();
  const pageSize = options.pageSize ?? 1000;

  function must(key: string): Buffer {
    assertValidKey(key);
    const obj = objects.get(key);
    if (!obj) throw new EngineError('OBJECT_MISSING', `no object ${key}`, { objectKey: key });
    return obj;
  }

  return {
    label: 'memory',
    objects,
    async put(key, body, options) {
      assertValidKey(key);
      const buf = await bodyToBuffer(body);
      if (options?.ifAbsent && objects.has(key)) return { created: false, size: objects.get(key)!.length };
      objects.set(key, Buffer.from(buf));
      return { created: true, size: buf.length };
    },
    async get(key) {
      return Buffer.from(must(key));
    },
    async getRange(key, offset, length) {
      const obj = must(key);
      if (offset < 0 || length < 0 || offset + length > obj.length) {
        throw new EngineError('INVALID_ARGUMENT', `range ${offset}+${length} outside ${key} (${obj.length} bytes)`, {
          objectKey: key,
        });
      }
      return Buffer.from(obj.subarray(offset, offset + length));
    },
    async head(key) {
      assertValidKey(key);
      const obj = objects.get(key);
      return obj ? { key, size: obj.length } : null;
    },
    async *list(prefix) {
      // Pages like a remote store would, so callers that hold state across pages are exercised.
      const keys = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort();
      for (let i = 0; i < keys.length; i += pageSize) {
        const page: TObjectInfo[] = [];
        for (const key of keys.slice(i, i + pageSize)) {
          const obj = objects.get(key);
          if (obj) page.push({ key, size: obj.length });
        }
        yield* page;
      }
    },
    async delete(key) {
      assertValidKey(key);
      objects.delete(key);
    },
  };
}
