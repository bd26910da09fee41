// Property: over random drift, selections, policies and targets, the dry-run's counts are what
// execution reports, and the target ends exactly as the README's rules say (an independent model).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { dryRunRestore } from './dry-run-restore';
import { executeRestore } from './execute-restore';
import { createMemoryRestoreJournal } from './memory-restore-journal';
import { expectedResultOf } from './restore-counts';
import { restoreFailureReason } from './restore-error';
import { createRestoreFixture, type TRestoreFixture } from './testing/restore-fixture';
import { applyScenario, dataState, modelOutcome, scenarioArb } from './testing/random-scenario';
import { verifyRestore } from './verify-restore';

let f: TRestoreFixture;
beforeAll(async () => {
  f = await createRestoreFixture({ collections: { orders: 24, events: 12 } });
});

describe('dry-run counts equal execution counts', () => {
  it('200 random plans against the in-memory target', async () => {
    let run = 0;
    const seen = { aborted: 0, executed: 0, writes: 0 };
    await fc.assert(
      fc.asyncProperty(scenarioArb(), async (s) => {
        const restoreId = `p${run++}`;
        const target = f.target.clone();
        const pkg = applyScenario(f, target, s, restoreId);
        const expected = modelOutcome(f, target, s, restoreId);
        const plan = await f.plan(pkg, restoreId);
        const deps = { repo: f.repo, target };
        const dry = await dryRunRestore(plan, deps);
        const journal = createMemoryRestoreJournal();
        const result = await executeRestore(plan, { ...deps, journal }, { expectedPreState: dry.preState.fingerprint, batchSize: 4 }).catch((e: unknown) => e);
        if (dry.counts.conflict > 0) {
          expect(restoreFailureReason(result)).toBe('PLAN_CONFLICT');
          seen.aborted++;
        } else {
          if (!('counts' in (result as object))) throw result;
          expect((result as { counts: unknown }).counts).toEqual(expectedResultOf(dry.counts));
          expect((await verifyRestore(plan, deps)).ok).toBe(true);
          seen.executed++;
          seen.writes += dry.counts.insert + dry.counts.update + dry.counts.delete;
        }
        expect(expected.aborts).toBe(dry.counts.conflict > 0);
        expect(dataState(target)).toEqual(expected.state);
      }),
      { numRuns: 200, seed: 20260101 },
    );
    // The generator really exercises both outcomes and real writes.
    expect(seen.aborted).toBeGreaterThan(5);
    expect(seen.executed).toBeGreaterThan(100);
    expect(seen.writes).toBeGreaterThan(500);
  }, 120_000);
});
