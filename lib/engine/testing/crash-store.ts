import { EngineError } from '../errors/engine-error';
import type { ObjectStore } from '../ports/object-store';

export type TCrashPlan = {
  /** 1-based number of the store call that fails; later calls fail too (the process is "dead"). */
  failAt: number;
  /** Perform the failing call on the inner store before failing (a lost response) instead of refusing it. */
  afterEffect?: boolean;
  /** Instead of throwing, fire this controller at the failing call (the operation proceeds). */
  abort?: AbortController;
  /** Calls seen so far (every operation, and each list() start). */
  calls?: number;
  /** Operation and key of every call, for assertions. */
  log?: string[];
};

/** Test decorator that crashes (or aborts) at a chosen call, to prove crash safety of multi-step operations. */
export function withCrashAt(inner: ObjectStore, plan: TCrashPlan): ObjectStore {
  plan.calls ??= 0;
  const log = (plan.log ??= []);
  const step = async <T>(op: string, key: string, run: () => Promise<T>): Promise<T> => {
    const n = (plan.calls = plan.calls! + 1);
    log.push(`${op} ${key}`);
    if (n < plan.failAt) return run();
    if (plan.abort) {
      if (n === plan.failAt) plan.abort.abort(new Error(`injected abort at call ${n} (${op} ${key})`));
      return run();
    }
    if (plan.afterEffect && n === plan.failAt) await run();
    throw new EngineError('STORE_UNAVAILABLE', `injected crash at call ${n} (${op} ${key})`, { objectKey: key });
  };
  return {
    label: `${inner.label} (crash at ${plan.failAt})`,
    put: (key, body, opts) => step('put', key, () => inner.put(key, body, opts)),
    get: (key) => step('get', key, () => inner.get(key)),
    getRange: (key, offset, length) => step('getRange', key, () => inner.getRange(key, offset, length)),
    head: (key) => step('head', key, () => inner.head(key)),
    async *list(prefix) {
      yield* await step('list', prefix, async () => inner.list(prefix));
    },
    delete: (key) => step('delete', key, () => inner.delete(key)),
  };
}
