import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { isEngineError } from '../errors/engine-error';
import { createManualClock } from '../ports/clock';
import { createRepository } from '../repo/repository';
import { createMemoryObjectStore, type MemoryObjectStore } from '../stores/memory-object-store';
import { withCrashAt, type TCrashPlan } from '../testing/crash-store';
import { createTestKit } from '../testing/test-kit';
import { verifySnapshot } from '../verify/verify-snapshot';
import { collectGarbage } from './collect-garbage';
import { gcStatePrefix } from './gc-state';
import { buildHistory, cloneStore, objectsOf, SMALL, type THistorySnapshot } from './testing/gc-fixture';

const GRACE = 3_600_000;
const T0 = new Date('2026-12-01T00:00:00Z');

let base: MemoryObjectStore;
let history: THistorySnapshot[];
let ids: string[];

beforeAll(async () => {
  base = createMemoryObjectStore();
  ({ history, ids } = await buildHistory({ store: base, tenantId: 'acme', seed: 3 }));
  await buildHistory({ store: base, tenantId: 'globex', seed: 4 }); // a neighbour that must stay intact
});

async function repoOn(store: MemoryObjectStore, plan?: TCrashPlan) {
  const { keys } = createTestKit(store);
  return createRepository({ tenantId: 'acme', store: plan ? withCrashAt(store, plan) : store, keys, options: SMALL });
}

const withoutState = (store: MemoryObjectStore, tenantKey: string) => [...store.objects.keys()].filter((k) => !k.startsWith(gcStatePrefix(tenantKey))).sort();

describe('GC crash safety', () => {
  it('a crash or abort at any store call never loses a kept object, and a rerun completes to the same result', async () => {
    let crashed = 0;
    let aborted = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.subarray([0, 1, 2, 3, 4]),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom('before', 'after', 'abort'),
        async (keptIdx, where, mode) => {
          const kept = keptIdx.map((i) => ids[i]!);
          const expired = ids.filter((id) => !kept.includes(id));
          const clock = createManualClock(T0);
          // Run 1 records the candidates; the crashing run is the one that deletes.
          const prepared = cloneStore(base);
          const prepRepo = await repoOn(prepared);
          await collectGarbage({ repo: prepRepo, keptSnapshotIds: kept, expiredSnapshotIds: expired, graceMs: GRACE, clock });
          clock.advance(GRACE);
          const need = new Set<string>();
          for (const h of history.filter((x) => kept.includes(x.manifest.snapshotId))) for (const k of await objectsOf(prepRepo, h.manifest)) need.add(k);

          // The clean outcome, and how many store calls it takes.
          const clean = cloneStore(prepared);
          const counting: TCrashPlan = { failAt: Number.POSITIVE_INFINITY };
          const cleanReport = await collectGarbage({
            repo: await repoOn(clean, counting),
            keptSnapshotIds: kept,
            expiredSnapshotIds: expired,
            graceMs: GRACE,
            clock,
          });
          expect(cleanReport.deleted.objects > 0).toBe(expired.length > 0);
          const tenantKey = prepRepo.tenant.tenantKey;
          const expectedFinal = withoutState(clean, tenantKey);

          const victim = cloneStore(prepared);
          const plan: TCrashPlan = { failAt: 1 + (where % counting.calls!), afterEffect: mode === 'after' };
          if (mode === 'abort') plan.abort = new AbortController();
          const crashRepo = await repoOn(victim, plan);
          const outcome = await collectGarbage({
            repo: crashRepo,
            keptSnapshotIds: kept,
            expiredSnapshotIds: expired,
            graceMs: GRACE,
            clock,
            signal: plan.abort?.signal,
          }).catch((e: unknown) => e);
          if (outcome instanceof Error) {
            expect(isEngineError(outcome, mode === 'abort' ? 'ABORTED' : 'STORE_UNAVAILABLE'), String(outcome)).toBe(true);
            if (mode === 'abort') aborted++;
            else crashed++;
          }
          for (const k of need) expect(victim.objects.get(k)?.equals(prepared.objects.get(k)!), `lost ${k}`).toBe(true);
          for (const [k, v] of base.objects) if (!k.startsWith(`tenants/${tenantKey}/`)) expect(victim.objects.get(k)?.equals(v), k).toBe(true);
          const plainRepo = await repoOn(victim);
          for (const id of kept) expect((await verifySnapshot({ repo: plainRepo, snapshotId: id, level: 'structural' })).problems).toEqual([]);
          // Manifests go first, so even an expired snapshot that survived the crash is still whole.
          for (const id of expired.filter((x) => victim.objects.has(`tenants/${tenantKey}/snapshots/${x}`))) {
            expect((await verifySnapshot({ repo: plainRepo, snapshotId: id, level: 'structural' })).problems, `expired ${id} left broken`).toEqual([]);
          }

          const rerun = await collectGarbage({ repo: plainRepo, keptSnapshotIds: kept, expiredSnapshotIds: expired, graceMs: GRACE, clock });
          expect(rerun.unknownSnapshots).toEqual([]);
          expect(withoutState(victim, tenantKey)).toEqual(expectedFinal);
          expect([...victim.objects.keys()].filter((k) => k.startsWith(gcStatePrefix(tenantKey)))).toEqual([rerun.stateKey]);
        },
      ),
      { numRuns: Number(process.env.GC_CRASH_RUNS ?? 100) },
    );
    // The property really exercised failures of both kinds.
    expect(crashed).toBeGreaterThan(5);
    expect(aborted).toBeGreaterThan(2);
  });
});
