import { EngineError } from '../errors/engine-error';
import type { ObjectStore } from '../ports/object-store';

export type TFaultPlan = {
  /** Flip one bit of what `get`/`getRange` return for matching keys (the stored object is intact). */
  flipBitOnRead?: (key: string) => boolean;
  /** Fail the next N calls with a transient error. */
  transientFailures?: number;
  /** Count of calls per operation, for assertions. */
  calls?: Record<string, number>;
};

/** Test decorator that corrupts reads or fails transiently, to prove detection and retries. */
export function withFaults(inner: ObjectStore, plan: TFaultPlan): ObjectStore {
  const calls = (plan.calls ??= {});
  const tick = (op: string, key: string) => {
    calls[op] = (calls[op] ?? 0) + 1;
    if ((plan.transientFailures ?? 0) > 0) {
      plan.transientFailures = (plan.transientFailures ?? 0) - 1;
      throw new EngineError('STORE_UNAVAILABLE', `injected transient failure on ${op} ${key}`, { objectKey: key });
    }
  };
  const flip = (key: string, buf: Buffer) => {
    if (!plan.flipBitOnRead?.(key) || buf.length === 0) return buf;
    const copy = Buffer.from(buf);
    const at = Math.floor(copy.length / 2);
    copy[at] = (copy[at] ?? 0) ^ 0x10;
    return copy;
  };
  return {
    label: `${inner.label} (faulty)`,
    async put(key, body, opts) {
      tick('put', key);
      return inner.put(key, body, opts);
    },
    async get(key) {
      tick('get', key);
      return flip(key, await inner.get(key));
    },
    async getRange(key, offset, length) {
      tick('getRange', key);
      return flip(key, await inner.getRange(key, offset, length));
    },
    async head(key) {
      tick('head', key);
      return inner.head(key);
    },
    list: (prefix) => inner.list(prefix),
    async delete(key) {
      tick('delete', key);
      return inner.delete(key);
    },
  };
}
