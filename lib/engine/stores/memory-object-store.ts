import { EngineError } from '../errors/engine-error';
import { assertValidKey, bodyToBuffer, type ObjectStore, type TObjectInfo, type TStorageClass } from '../ports/object-store';

/** In-process store for tests; `objects` is exposed so tests can inject corruption directly. */
export type MemoryObjectStore = ObjectStore & { readonly objects: Map<string, Buffer>; readonly classes: Map<string, TStorageClass> };

export function createMemoryObjectStore(options: { pageSize?: number } = {}): MemoryObjectStore {
  const objects = new Map<string, Buffer>();
  /** Objects moved to a class other than hot (the default). */
  const classes = new Map<string, TStorageClass>();
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
    classes,
    async put(key, body, options) {
      assertValidKey(key);
      const buf = await bodyToBuffer(body);
      if (options?.ifAbsent && objects.has(key)) return { created: false, size: objects.get(key)!.length };
      objects.set(key, Buffer.from(buf));
      classes.delete(key);
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
      classes.delete(key);
    },
    async setStorageClass(key, storageClass) {
      must(key);
      if (storageClass === 'hot') classes.delete(key);
      else classes.set(key, storageClass);
    },
    async storageClassOf(key) {
      assertValidKey(key);
      return objects.has(key) ? (classes.get(key) ?? 'hot') : null;
    },
  };
}
