import { describe, expect, it } from 'vitest';
import { isEngineError } from '../errors/engine-error';
import { createManualClock } from '../ports/clock';
import { readOnly } from '../stores/read-only';
import { dryRunRestore } from './dry-run-restore';
import { executeRestore } from './execute-restore';
import { createMemoryRestoreJournal } from './memory-restore-journal';
import type { TRestoreProgress } from './restore-progress';
import { createRestoreFixture, makeDoc, restorePackage } from './testing/restore-fixture';

async function prepared() {
  const f = await createRestoreFixture({ collections: { orders: 12, events: 6 } });
  for (const i of [0, 1, 2, 3, 4, 5]) f.target.remove(f.ns('orders'), makeDoc('initech', i)._id);
  f.target.insert(f.ns('events'), makeDoc('initech', 0, { kind: 'events', amount: 3 }));
  const plan = await f.plan(restorePackage(f.manifest));
  const dry = await dryRunRestore(plan, { repo: f.repo, target: f.target });
  return { f, plan, dry };
}

describe('executeRestore', () => {
  it('reports documents, bytes, per-collection progress and an ETA', async () => {
    const { f, plan, dry } = await prepared();
    const clock = createManualClock();
    const seen: TRestoreProgress[] = [];
    await executeRestore(
      plan,
      { repo: f.repo, target: f.target, journal: createMemoryRestoreJournal(), clock },
      {
        expectedPreState: dry.preState.fingerprint,
        batchSize: 2,
        onProgress: (p) => {
          seen.push(p);
          clock.advance(1000);
        },
      },
    );
    expect(seen.map((p) => p.phase).filter((p, i, a) => a[i - 1] !== p)).toEqual(['inspect', 'verifying-source', 'safety', 'write', 'done']);
    const last = seen.at(-1)!;
    expect(last.documents).toEqual({ done: 7, total: 7 });
    expect(last.collections).toEqual({ events: { done: 1, total: 1 }, orders: { done: 6, total: 6 } });
    expect(last.bytes.done).toBe(last.bytes.total);
    expect(last.bytes.total).toBeGreaterThan(7 * 50);
    const mid = seen.find((p) => p.phase === 'write' && p.documents.done === 3)!;
    expect(mid.etaMs).toBeGreaterThan(0);
    expect(mid.etaMs).toBe(Math.round((mid.elapsedMs / 3) * 4));
  });

  it('stops at an abort between batches and resumes to the same result', async () => {
    const { f, plan, dry } = await prepared();
    const journal = createMemoryRestoreJournal();
    const ac = new AbortController();
    const first = await executeRestore(
      plan,
      { repo: f.repo, target: f.target, journal },
      {
        expectedPreState: dry.preState.fingerprint,
        batchSize: 2,
        signal: ac.signal,
        onProgress: (p) => p.documents.done >= 2 && ac.abort(),
      },
    ).catch((e: unknown) => e);
    expect(isEngineError(first, 'ABORTED')).toBe(true);
    expect(journal.entries.get('r1')!.map((e) => e.type)).toEqual(['started', 'batch', 'batch']);
    const res = await executeRestore(plan, { repo: f.repo, target: f.target, journal }, { expectedPreState: dry.preState.fingerprint });
    expect(res.resumed).toBe(true);
    expect(res.counts).toEqual({ inserted: 6, updated: 1, deleted: 0, unchanged: 11, skipped: 0, failed: 0 });
    expect(res.namespaces).toEqual([
      { name: 'events', counts: { inserted: 0, updated: 1, deleted: 0, unchanged: 5, skipped: 0, failed: 0 } },
      { name: 'orders', counts: { inserted: 6, updated: 0, deleted: 0, unchanged: 6, skipped: 0, failed: 0 } },
    ]);
  });

  it('reads snapshots through a read-only repository and writes the safety snapshot elsewhere', async () => {
    const { f, plan, dry } = await prepared();
    const repo = { ...f.repo, store: readOnly(f.repo.store) };
    await expect(
      executeRestore(plan, { repo, target: f.target, journal: createMemoryRestoreJournal() }, { expectedPreState: dry.preState.fingerprint }),
    ).rejects.toMatchObject({ code: 'READ_ONLY' });
    const res = await executeRestore(
      plan,
      { repo, target: f.target, journal: createMemoryRestoreJournal(), safetyStore: f.kit.store },
      { expectedPreState: dry.preState.fingerprint },
    );
    expect(res.counts.inserted).toBe(6);
  });
});
