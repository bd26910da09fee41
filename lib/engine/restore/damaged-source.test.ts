// A restore from a snapshot whose pack is damaged late (the last frame, written last) writes
// nothing: no document, no lineage, no journal entry, no safety snapshot. The error names the
// pack and the snapshot. The same holds for a damaged index segment.
import { describe, expect, it } from 'vitest';
import { readIndexSegment, type TIndexEntry } from '../format/index-segment';
import { indexKey, packKey } from '../format/layout';
import type { TTenancy } from '../mongo/tenancy';
import type { MemoryObjectStore } from '../stores/memory-object-store';
import { flipStoredByte } from '../testing/tamper';
import { dryRunRestore } from './dry-run-restore';
import { executeRestore } from './execute-restore';
import { createMemoryRestoreJournal } from './memory-restore-journal';
import type { TRestoreProgress } from './restore-progress';
import { readSafetyRecord } from './safety-record';
import { createRestoreFixture, makeDoc, restorePackage } from './testing/restore-fixture';

const TENANCIES: [string, TTenancy | undefined][] = [
  ['DATABASE', { model: 'DATABASE', database: 't_initech' }],
  ['SHARED_FIELD', undefined],
];

async function prepared(tenancy: TTenancy | undefined) {
  const f = await createRestoreFixture({ collections: { orders: 60 }, ...(tenancy ? { tenancy } : {}) });
  const orders = f.ns('orders');
  for (let i = 0; i < 60; i++) f.target.remove(orders, makeDoc('initech', i)._id);
  const plan = await f.plan(restorePackage(f.manifest));
  const dry = await dryRunRestore(plan, { repo: f.repo, target: f.target });
  expect(dry.counts.insert).toBe(60);
  const coll = f.manifest.collections.find((c) => c.name === 'orders')!;
  const entries: TIndexEntry[] = [];
  for (const ref of coll.segments) entries.push(...(await readIndexSegment(f.repo, 'orders', ref)));
  return { f, plan, dry, coll, entries, objects: (f.kit.store as MemoryObjectStore).objects };
}

async function runExpectingNothingWritten(p: Awaited<ReturnType<typeof prepared>>) {
  const { f, plan, dry, objects } = p;
  const before = f.target.state();
  const keysBefore = [...objects.keys()].sort();
  const journal = createMemoryRestoreJournal();
  const phases: TRestoreProgress['phase'][] = [];
  const err = await executeRestore(
    plan,
    { repo: f.repo, target: f.target, journal },
    {
      expectedPreState: dry.preState.fingerprint,
      batchSize: 5,
      onProgress: (pr) => phases.push(pr.phase),
    },
  ).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  expect(f.target.state()).toEqual(before);
  expect(f.target.calls.filter((c) => c.kind === 'write')).toEqual([]);
  expect(journal.entries.get(plan.restoreId) ?? []).toEqual([]);
  expect(await readSafetyRecord(f.repo, plan.restoreId)).toBeNull();
  expect([...objects.keys()].sort()).toEqual(keysBefore);
  expect(phases).toContain('verifying-source');
  expect(phases).not.toContain('safety');
  return err as Error & { code: string; details: Record<string, unknown> };
}

describe.each(TENANCIES)('restore from a damaged repository (%s)', (_name, tenancy) => {
  it('a damaged late frame of a pack: nothing is written, the error names the pack and the snapshot', async () => {
    const p = await prepared(tenancy);
    // The document written last lives in the last frame of its pack.
    const last = p.entries.reduce((a, b) => (b.idKey > a.idKey ? b : a));
    expect(last.frame).toBeGreaterThan(0);
    const key = packKey(p.f.repo.tenant.tenantKey, last.pack.id);
    flipStoredByte(p.objects, key, last.pack.frames[last.frame]!.offset + 20);
    const err = await runExpectingNothingWritten(p);
    expect(err.code).toBe('INTEGRITY_MISMATCH');
    expect(err.message).toContain(key);
    expect(err.message).toContain(p.plan.snapshotId);
    expect(err.details).toMatchObject({ objectKey: key, snapshotId: p.plan.snapshotId });
  });

  it('a damaged late index segment: nothing is written, the error names the segment and the snapshot', async () => {
    const p = await prepared(tenancy);
    expect(p.coll.segments.length).toBeGreaterThan(2);
    const key = indexKey(p.f.repo.tenant.tenantKey, p.coll.segments.at(-1)!.id);
    flipStoredByte(p.objects, key, p.objects.get(key)!.length - 60);
    const err = await runExpectingNothingWritten(p);
    expect(err.message).toContain(key);
    expect(err.message).toContain(p.plan.snapshotId);
  });

  it('a missing pack: nothing is written, the error names the pack', async () => {
    const p = await prepared(tenancy);
    const last = p.entries.reduce((a, b) => (b.idKey > a.idKey ? b : a));
    const key = packKey(p.f.repo.tenant.tenantKey, last.pack.id);
    p.objects.delete(key);
    const err = await runExpectingNothingWritten(p);
    expect(err.code).toBe('OBJECT_MISSING');
    expect(err.message).toContain(key);
    expect(err.message).toContain(p.plan.snapshotId);
  });
});
