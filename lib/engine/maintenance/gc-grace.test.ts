import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { tenantRoot } from '../format/layout';
import { createManualClock } from '../ports/clock';
import { createRepository } from '../repo/repository';
import { createMemoryObjectStore, type MemoryObjectStore } from '../stores/memory-object-store';
import { createTestKit } from '../testing/test-kit';
import { collectGarbage } from './collect-garbage';
import { gcStatePrefix } from './gc-state';
import { buildHistory, cloneStore, objectsOf, SMALL, type THistorySnapshot } from './testing/gc-fixture';

// Grace across runs, against an exact model: an object is deleted by a run iff an earlier run
// already saw it unreferenced and at least graceMs passed since the first such run. Runs happen
// at random times while the catalog expires snapshots one by one (expiry is monotone).

const GRACE = 10 * 3_600_000;
let base: MemoryObjectStore;
let history: THistorySnapshot[];

beforeAll(async () => {
  base = createMemoryObjectStore();
  ({ history } = await buildHistory({ store: base, tenantId: 'acme', seed: 21 }));
});

describe('GC grace period over many runs', () => {
  it('deletes exactly what stayed unreferenced for the grace period across runs, and nothing referenced', async () => {
    let deletions = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            advance: fc.oneof(fc.constantFrom(0, 1, GRACE / 2, GRACE - 1, GRACE), fc.integer({ min: 0, max: 2 * GRACE })),
            expireOne: fc.boolean(),
            pick: fc.nat(),
          }),
          { minLength: 3, maxLength: 8 },
        ),
        async (steps) => {
          const store = cloneStore(base);
          const repo = await createRepository({ tenantId: 'acme', store, keys: createTestKit(store).keys, options: SMALL });
          const root = tenantRoot(repo.tenant.tenantKey);
          const clock = createManualClock(new Date('2026-12-01T00:00:00Z'));
          const kept = history.map((h) => h.manifest);
          const expired: string[] = [];
          const firstUnref = new Map<string, { run: number; at: number }>();
          for (const [run, step] of steps.entries()) {
            clock.advance(step.advance);
            if (step.expireOne && kept.length > 1) expired.push(kept.splice(step.pick % kept.length, 1)[0]!.snapshotId);
            const need = new Set<string>();
            for (const m of kept) for (const k of await objectsOf(repo, m)) need.add(k);
            const now = clock.now().getTime();
            const present = [...store.objects.keys()].filter((k) => k.startsWith(root) && !k.startsWith(gcStatePrefix(repo.tenant.tenantKey)));
            const expected: string[] = [];
            for (const k of present) {
              if (need.has(k)) continue;
              const first = firstUnref.get(k) ?? { run, at: now };
              firstUnref.set(k, first);
              if (first.run < run && now - first.at >= GRACE) expected.push(k);
            }
            const report = await collectGarbage({ repo, keptSnapshotIds: kept.map((m) => m.snapshotId), expiredSnapshotIds: expired, graceMs: GRACE, clock });
            expect(report.deletedKeys.sort()).toEqual(expected.sort());
            for (const k of need) expect(store.objects.has(k), `lost ${k}`).toBe(true);
            deletions += report.deleted.objects;
          }
        },
      ),
      { numRuns: Number(process.env.GC_GRACE_RUNS ?? 40) },
    );
    expect(deletions).toBeGreaterThan(0);
  });
});
