import { EngineError, isEngineError } from '../errors/engine-error';
import { systemClock, type Clock } from '../ports/clock';
import { isReplayableBody, type ObjectStore, type TObjectInfo, type TObjectRetention, type TStorageClass } from '../ports/object-store';

export type TRetryOptions = {
  /** Total attempts including the first. Default 5. */
  attempts?: number;
  /** First delay; doubles each retry up to maxDelayMs, with ±50% jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  clock?: Clock;
  random?: () => number;
  onRetry?: (info: { op: string; key: string; attempt: number; delayMs: number; error: EngineError }) => void;
};

/**
 * Retries transient failures (EngineError.isTransient: STORE_UNAVAILABLE) with bounded
 * exponential backoff. Permanent errors (OBJECT_MISSING, integrity, READ_ONLY...) pass through
 * at once: retrying them only delays the real answer. Streamed put bodies can be consumed only
 * once, so a put with an AsyncIterable body is attempted exactly once (chunk arrays are replayable).
 */
export function withRetry(inner: ObjectStore, options: TRetryOptions = {}): ObjectStore {
  const attempts = Math.max(1, options.attempts ?? 5);
  const base = options.baseDelayMs ?? 100;
  const max = options.maxDelayMs ?? 5_000;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;

  async function run<T>(op: string, key: string, fn: () => Promise<T>, maxAttempts = attempts): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (!isEngineError(err) || !err.isTransient || attempt >= maxAttempts) throw err;
        const exp = Math.min(max, base * 2 ** (attempt - 1));
        const delayMs = Math.round(exp * (0.5 + random()));
        options.onRetry?.({ op, key, attempt, delayMs, error: err });
        await clock.sleep(Math.min(delayMs, max));
      }
    }
  }

  return {
    label: inner.label,
    put: (key, body, opts) => run('put', key, () => inner.put(key, body, opts), isReplayableBody(body) ? attempts : 1),
    get: (key) => run('get', key, () => inner.get(key)),
    getRange: (key, offset, length) => run('getRange', key, () => inner.getRange(key, offset, length)),
    head: (key) => run('head', key, () => inner.head(key)),
    delete: (key) => run('delete', key, () => inner.delete(key)),
    ...(inner.setStorageClass ? { setStorageClass: (key: string, c: TStorageClass) => run('setStorageClass', key, () => inner.setStorageClass!(key, c)) } : {}),
    ...(inner.extendRetention
      ? { extendRetention: (key: string, r: TObjectRetention) => run('extendRetention', key, () => inner.extendRetention!(key, r)) }
      : {}),
    ...(inner.retentionOf ? { retentionOf: (key: string) => run('retentionOf', key, () => inner.retentionOf!(key)) } : {}),
    ...(inner.storageClassOf ? { storageClassOf: (key: string) => run('storageClassOf', key, () => inner.storageClassOf!(key)) } : {}),
    async *list(prefix) {
      // Restarting a listing would repeat keys; resume after the last key yielded instead.
      let last: string | undefined;
      for (let attempt = 1; ; attempt++) {
        try {
          for await (const info of inner.list(prefix) as AsyncIterable<TObjectInfo>) {
            if (last !== undefined && info.key <= last) continue;
            last = info.key;
            yield info;
          }
          return;
        } catch (err) {
          if (!isEngineError(err) || !err.isTransient || attempt >= attempts) throw err;
          await clock.sleep(Math.min(max, base * 2 ** (attempt - 1)));
        }
      }
    },
  };
}
