// Crash/resume: for each conflict policy, 20 scenarios are executed with failures injected at
// random points (mid-batch between two writes, before/after a journal append, while storing the
// safety snapshot, while reading the target, or an abort); execution is resumed (sometimes
// crashing again) until it completes. The end state, the result counts and the lineage must equal
// an uninterrupted run of the same plan, and the target must match the independent model.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { EngineError, isEngineError } from '../errors/engine-error';
import type { ObjectStore } from '../ports/object-store';
import { createMemoryObjectStore } from '../stores/memory-object-store';
import { rng } from '../testing/test-kit';
import { dryRunRestore } from './dry-run-restore';
import { executeRestore } from './execute-restore';
import { createMemoryRestoreJournal } from './memory-restore-journal';
import { LINEAGE_COLLECTION } from './resolve-targets';
import type { RestoreJournal } from './restore-journal';
import type { RestoreTarget } from './restore-target';
import type { MemoryRestoreTarget } from './testing/memory-restore-target';
import { createRestoreFixture, type TRestoreFixture } from './testing/restore-fixture';
import { applyScenario, dataState, modelOutcome, scenarioArb, type TScenario } from './testing/random-scenario';
import { verifyRestore } from './verify-restore';

const CRASH = 'injected crash';
type TFault = 'write-op' | 'journal-before' | 'journal-after' | 'store-put' | 'find' | 'abort';
const FAULTS: TFault[] = ['write-op', 'write-op', 'write-op', 'journal-before', 'journal-after', 'store-put', 'find', 'abort'];
/** Calls of each kind a first attempt surely makes (≥ 2 writes, batches of 2): a fault below it fires. */
const SURE_CALLS: Record<TFault, number> = { 'write-op': 3, 'journal-before': 3, 'journal-after': 3, 'store-put': 1, find: 2, abort: 3 };

/** One attempt's dependencies, failing once at the n-th call of the chosen kind. */
function faulty(base: MemoryRestoreTarget, journal: RestoreJournal, store: ObjectStore, fault: TFault | null, n: number) {
  let calls = 0;
  const hit = (kind: TFault) => fault === kind && calls++ === n;
  const crash = () => new Error(CRASH);
  base.beforeWriteOp = () => {
    if (hit('write-op')) throw crash();
  };
  const target: RestoreTarget = {
    ...base,
    find(ns, filter, o) {
      if (hit('find')) throw crash();
      return base.find(ns, filter, o);
    },
  };
  const j: RestoreJournal = {
    read: (id) => journal.read(id),
    async append(id, entry) {
      if (hit('journal-before')) throw crash();
      await journal.append(id, entry);
      if (hit('journal-after')) throw crash();
    },
  };
  const s: ObjectStore = {
    ...store,
    async put(key, body, opts) {
      if (hit('store-put')) throw crash();
      return store.put(key, body, opts);
    },
  };
  const abort = new AbortController();
  const onProgress = () => {
    if (hit('abort')) abort.abort('injected');
  };
  return { target, journal: j, store: s, signal: abort.signal, onProgress };
}

const lineageIds = (t: MemoryRestoreTarget, f: TRestoreFixture) =>
  t
    .docs({ database: f.ns('orders').database, collection: LINEAGE_COLLECTION })
    .flatMap((d) => ['inserted', 'updated', 'deleted'].flatMap((a) => (d[a] as unknown[]).map((id) => `${d._id}|${String(id)}|${a}`)))
    .sort();

let f: TRestoreFixture;
beforeAll(async () => {
  f = await createRestoreFixture({ collections: { orders: 24, events: 12 } });
});

describe('crash and resume', () => {
  it.each(['skip', 'overwrite', 'fail'] as const)(
    '%s: 20 interrupted executions end like an uninterrupted one',
    async (policy) => {
      const changes: TScenario['drift'][number]['change'][] = policy === 'fail' ? ['delete'] : ['modify', 'restatus', 'delete'];
      const rand = rng(policy.length * 7919);
      let run = 0;
      let crashes = 0;
      await fc.assert(
        fc.asyncProperty(scenarioArb([policy], changes), async (s) => {
          const restoreId = `c${policy}${run}`;
          const base = f.target.clone();
          const pkg = applyScenario(f, base, s, restoreId);
          const model = modelOutcome(f, base, s, restoreId);
          const plan = await f.plan(pkg, restoreId);
          const dry = await dryRunRestore(plan, { repo: f.repo, target: base });
          fc.pre(dry.counts.insert + dry.counts.update + dry.counts.delete >= 2);
          run++;
          const options = { expectedPreState: dry.preState.fingerprint, batchSize: 2 };

          const reference = base.clone();
          const refResult = await executeRestore(
            plan,
            { repo: f.repo, target: reference, journal: createMemoryRestoreJournal(), safetyStore: createMemoryObjectStore() },
            options,
          );

          const target = base.clone();
          const journal = createMemoryRestoreJournal();
          const store = createMemoryObjectStore();
          const failures = 1 + Math.floor(rand() * 3);
          let result: Awaited<ReturnType<typeof executeRestore>> | null = null;
          const crashesBefore = crashes;
          for (let attempt = 0; attempt < 30 && !result; attempt++) {
            const fault = attempt < failures ? FAULTS[Math.floor(rand() * FAULTS.length)]! : null;
            // The first attempt always crashes; later ones may crash again anywhere.
            const n = Math.floor(rand() * (attempt === 0 && fault ? SURE_CALLS[fault] : 12));
            const d = faulty(target, journal, store, fault, n);
            try {
              result = await executeRestore(
                plan,
                { repo: f.repo, target: d.target, journal: d.journal, safetyStore: d.store },
                { ...options, signal: d.signal, onProgress: d.onProgress },
              );
            } catch (err) {
              const injected =
                (err as Error).message === CRASH ||
                (err instanceof EngineError && err.code === 'ABORTED') ||
                (isEngineError(err) && String(err.cause) === `Error: ${CRASH}`);
              if (!injected) throw err;
              crashes++;
            }
          }
          target.beforeWriteOp = null;
          expect(crashes).toBeGreaterThan(crashesBefore);
          expect(result).not.toBeNull();
          expect(result!.counts).toEqual(refResult.counts);
          expect(result!.failed).toEqual(refResult.failed);
          expect(dataState(target)).toEqual(dataState(reference));
          expect(dataState(target)).toEqual(model.state);
          expect(lineageIds(target, f)).toEqual(lineageIds(reference, f));
          expect((await verifyRestore(plan, { repo: f.repo, target, safetyStore: store })).ok).toBe(true);
        }),
        { numRuns: 20, seed: 4242 + policy.length },
      );
      expect(run).toBe(20);
      expect(crashes).toBeGreaterThanOrEqual(20);
    },
    120_000,
  );
});
