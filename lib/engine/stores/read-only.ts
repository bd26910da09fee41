import { EngineError } from '../errors/engine-error';
import type { ObjectStore } from '../ports/object-store';

/** For the restore and verify paths: a bug there can never write or delete backup data. */
export function readOnly(inner: ObjectStore): ObjectStore {
  const refuse = (op: string, key: string) =>
    Promise.reject(new EngineError('READ_ONLY', `${op} refused on read-only store ${inner.label}`, { objectKey: key }));
  return {
    label: `${inner.label} (read-only)`,
    put: (key) => refuse('put', key),
    delete: (key) => refuse('delete', key),
    get: (key) => inner.get(key),
    getRange: (key, offset, length) => inner.getRange(key, offset, length),
    head: (key) => inner.head(key),
    list: (prefix) => inner.list(prefix),
    setStorageClass: (key) => refuse('setStorageClass', key),
    extendRetention: (key) => refuse('extendRetention', key),
    ...(inner.retentionOf ? { retentionOf: (key: string) => inner.retentionOf!(key) } : {}),
    ...(inner.storageClassOf ? { storageClassOf: (key: string) => inner.storageClassOf!(key) } : {}),
  };
}
