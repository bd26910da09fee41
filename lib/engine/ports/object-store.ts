import { EngineError } from '../errors/engine-error';

// The storage port. Deliberately narrow (restic's backend, kopia's blob.Storage): everything the
// repository format needs is expressible as these six calls, so S3, a filesystem and memory are
// interchangeable and one conformance suite can hold them all to the same behaviour.

/**
 * A body is bytes in memory, a list of chunks (replayable, so a failed upload can be retried), or
 * a stream of chunks (consumed once, with backpressure).
 */
export type TObjectBody = Uint8Array | readonly Uint8Array[] | AsyncIterable<Uint8Array>;

/** Whether a put of this body can be attempted again after a failure. */
export const isReplayableBody = (body: TObjectBody) => body instanceof Uint8Array || Array.isArray(body);

export type TObjectInfo = { key: string; size: number };

export type TPutOptions = {
  /**
   * Refuse to replace an existing object. With `ifAbsent`, an existing key is not an error: the
   * call returns `created: false` and leaves the stored object untouched.
   */
  ifAbsent?: boolean;
};

export type TPutResult = { created: boolean; size: number };

/** Storage tiers: `hot` (the store's default class) and `cold` (cheaper; still readable at once, no restore step). */
export type TStorageClass = 'hot' | 'cold';

/** S3 Object Lock retention of one object: WORM until `until` (governance: bypassable with permission). */
export type TObjectRetention = { mode: 'governance' | 'compliance'; until: Date };

export interface ObjectStore {
  /** Short human label for logs and reports, e.g. `fs:/var/backups` or `s3:bucket`. */
  readonly label: string;
  put(key: string, body: TObjectBody, options?: TPutOptions): Promise<TPutResult>;
  /** Whole object; EngineError OBJECT_MISSING when absent. */
  get(key: string): Promise<Buffer>;
  /** `length` bytes from `offset`; OBJECT_MISSING when absent, INVALID_ARGUMENT past the end. */
  getRange(key: string, offset: number, length: number): Promise<Buffer>;
  /** null when absent. */
  head(key: string): Promise<TObjectInfo | null>;
  /** Every object whose key starts with `prefix`, in ascending key order, paginated lazily. */
  list(prefix: string): AsyncIterable<TObjectInfo>;
  /** Idempotent: deleting a missing key succeeds. */
  delete(key: string): Promise<void>;
  /**
   * Optional (tiering): moves an existing object to a storage class without changing its bytes
   * (S3: CopyObject onto itself with a StorageClass); reads keep working. OBJECT_MISSING when absent.
   */
  setStorageClass?(key: string, storageClass: TStorageClass): Promise<void>;
  /** Optional: the class the store reports for an object; null when absent. */
  storageClassOf?(key: string): Promise<TStorageClass | null>;
  /**
   * Optional (S3 Object Lock, bucket created with it): sets an existing object's retention, or
   * extends it; never shortens one already later. OBJECT_MISSING when absent.
   */
  extendRetention?(key: string, retention: TObjectRetention): Promise<void>;
  /** Optional: the object's current retention; null when it has none. */
  retentionOf?(key: string): Promise<TObjectRetention | null>;
}

/** Keys are relative, slash-separated, without `..`, empty segments or backslashes. */
export function assertValidKey(key: string): void {
  const ok =
    key.length > 0 &&
    key.length <= 1024 &&
    !key.startsWith('/') &&
    !key.includes('\\') &&
    !key.includes('\0') &&
    key.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
  if (!ok) throw new EngineError('INVALID_ARGUMENT', `invalid object key ${JSON.stringify(key).slice(0, 120)}`);
}

/** Collects a body into one Buffer (memory store, small objects). */
export async function bodyToBuffer(body: TObjectBody): Promise<Buffer> {
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
