// executeRestore: verify the target still is what the dry-run saw, store the safety snapshot,
// then write idempotent, checkpointed batches. Calling it again with the same plan and journal
// after a crash, an abort or an error resumes and ends in the same state as an uninterrupted run;
// calling it after completion returns the recorded result without writing.
import { throwIfAborted } from '../errors/engine-error';
import { systemClock, type Clock } from '../ports/clock';
import type { ObjectStore } from '../ports/object-store';
import { loadManifest } from '../repo/list-snapshots';
import type { TRepository } from '../repo/repository';
import { applyBatch, prepareBatch } from './apply-batch';
import { assertPlanConfined } from './assert-plan-confined';
import { snapshotTenancyCheck } from './check-snapshot-tenancy';
import { createMissingIndexes } from './create-missing-indexes';
import { inspectTarget } from './inspect-target';
import { createProgressTracker, type TRestoreProgress } from './restore-progress';
import { buildBatches } from './restore-batches';
import { restoreError } from './restore-error';
import { readJournalState, type RestoreJournal, type TJournalEntry } from './restore-journal';
import { checkPlan, type TRestorePlan } from './restore-plan';
import { restoreResultOf, type TExecuteRestoreResult } from './restore-result';
import type { RestoreTarget } from './restore-target';
import { readSafetyRecordOrThrow, type TSafetyRecord } from './safety-record';
import { createSnapshotReader } from './snapshot-reader';
import { verifySource } from './verify-source';
import { writeSafetySnapshot } from './write-safety-snapshot';

export type TExecuteRestoreDeps = {
  /** the tenant's repository; snapshot reads only (may be read-only when safetyStore is given) */
  repo: TRepository;
  target: RestoreTarget;
  journal: RestoreJournal;
  /** writable store for the safety snapshot; default repo.store */
  safetyStore?: ObjectStore;
  clock?: Clock;
};

export type TExecuteRestoreOptions = {
  /** preState.fingerprint of the approved dry-run: a target that changed since is a stale plan */
  expectedPreState: string;
  onProgress?: (p: TRestoreProgress) => void;
  signal?: AbortSignal;
  /** documents per checkpointed batch (default 500); a resumed run keeps the first run's */
  batchSize?: number;
};

export async function executeRestore(planInput: TRestorePlan, deps: TExecuteRestoreDeps, options: TExecuteRestoreOptions): Promise<TExecuteRestoreResult> {
  const plan = checkPlan(planInput);
  const { repo, target, journal } = deps;
  assertPlanConfined(plan, repo);
  const clock = deps.clock ?? systemClock;
  const safetyRepo: TRepository = deps.safetyStore ? { ...repo, store: deps.safetyStore } : repo;
  const state = await readJournalState(journal, plan.restoreId, plan.planHash);
  if (state.undone) throw restoreError('JOURNAL_MISMATCH', `restore ${plan.restoreId} was undone; plan a new restore`, { restoreId: plan.restoreId });
  if (state.completed) {
    const record = await readSafetyRecordOrThrow(safetyRepo, plan.restoreId);
    return restoreResultOf(record, state.batches.values(), { resumed: true, indexesCreated: [] });
  }
  const append = (entry: TJournalEntry) => journal.append(plan.restoreId, entry);
  const progress = createProgressTracker(clock, options.onProgress);
  const manifest = await loadManifest(repo, plan.snapshotId);
  // Frames stay cached across batches (16 MiB at the default 256 KiB frames): a large restore
  // whose `_id` order is not its capture order would otherwise decode frames over and over.
  const reader = createSnapshotReader(repo, manifest, 4, 64);
  const blobSecret = await repo.keys.tenantSecret(repo.tenant.tenantId, 'blob-id');

  let record: TSafetyRecord;
  let started = state.started;
  if (!started) {
    progress.phase('inspect');
    const inspection = await inspectTarget(plan, { target, reader, blobSecret, signal: options.signal });
    if (inspection.preStateFingerprint !== options.expectedPreState) {
      throw restoreError('PLAN_STALE', 'the target changed since the dry-run (pre-state fingerprint differs); nothing was written', {
        restoreId: plan.restoreId,
        expected: options.expectedPreState,
        actual: inspection.preStateFingerprint,
      });
    }
    if (inspection.counts.conflict > 0) {
      throw restoreError(
        'PLAN_CONFLICT',
        `${inspection.counts.conflict} documents differ from the snapshot and conflictPolicy is 'fail'; nothing was written`,
        {
          restoreId: plan.restoreId,
          conflicts: inspection.counts.conflict,
        },
      );
    }
    // Every index segment and pack range the writes need is read and authenticated first (and,
    // for SHARED_FIELD, every document tenant-checked): a damaged repository writes nothing.
    progress.phase('verifying-source');
    await verifySource(plan, inspection, { reader, tenantKey: repo.tenant.tenantKey }, { signal: options.signal, onDocument: snapshotTenancyCheck(plan) });
    throwIfAborted(options.signal);
    progress.phase('safety');
    record = await writeSafetySnapshot(plan, inspection, { repo: safetyRepo, target, blobSecret, clock, signal: options.signal });
    const batchSize = options.batchSize ?? 500;
    started = {
      type: 'started',
      planHash: plan.planHash,
      preStateFingerprint: record.preStateFingerprint,
      batchSize,
      batches: buildBatches(record, batchSize).length,
      at: clock.now().toISOString(),
    };
    throwIfAborted(options.signal);
    await append(started);
  } else {
    if (started.preStateFingerprint !== options.expectedPreState) {
      throw restoreError('JOURNAL_MISMATCH', 'the journal was started against another pre-state than the one given', { restoreId: plan.restoreId });
    }
    record = await readSafetyRecordOrThrow(safetyRepo, plan.restoreId);
    if (record.planHash !== plan.planHash) throw restoreError('JOURNAL_MISMATCH', 'safety snapshot belongs to another plan', { restoreId: plan.restoreId });
  }

  const batches = buildBatches(record, started.batchSize);
  const totals: Record<string, { documents: number; bytes: number }> = {};
  for (const b of batches) {
    const t = (totals[record.namespaces[b.namespace]!.name] ??= { documents: 0, bytes: 0 });
    t.documents += b.items.length;
    t.bytes += b.items.reduce((n, it) => n + it[4], 0);
  }
  progress.setTotals(totals);
  const done = new Map(state.batches);
  progress.phase('write');
  for (const batch of batches) {
    if (done.has(batch.index))
      progress.alreadyDone(
        record.namespaces[batch.namespace]!.name,
        batch.items.length,
        batch.items.reduce((n, it) => n + it[4], 0),
      );
  }
  // Batch k+1 is read from the snapshot while batch k is written (reads only, so a crash or an
  // abort in between changes nothing); batches are still written and journaled one by one.
  const pending = batches.filter((b) => !done.has(b.index));
  const prepare = (i: number) => {
    const p = pending[i] ? prepareBatch(record, pending[i]!, { reader }) : null;
    p?.catch(() => undefined); // observed when awaited; never an unhandled rejection
    return p;
  };
  let next = prepare(0);
  for (let i = 0; i < pending.length; i++) {
    const batch = pending[i]!;
    const name = record.namespaces[batch.namespace]!.name;
    throwIfAborted(options.signal);
    const prepared = await next!;
    next = prepare(i + 1);
    const { counts, failed, bytes } = await applyBatch(record, batch, prepared, { target, reader, clock });
    const entry: TJournalEntry = { type: 'batch', planHash: plan.planHash, index: batch.index, namespace: name, counts, failed, at: clock.now().toISOString() };
    await append(entry);
    done.set(batch.index, entry);
    progress.advance(name, batch.items.length, bytes);
  }
  let indexesCreated: TExecuteRestoreResult['indexesCreated'] = [];
  if (plan.spec.restoreIndexes) {
    progress.phase('indexes');
    indexesCreated = await createMissingIndexes(plan, target);
  }
  const result = restoreResultOf(record, done.values(), { resumed: state.started !== null, indexesCreated });
  await append({ type: 'completed', planHash: plan.planHash, counts: result.counts, at: clock.now().toISOString() });
  progress.phase('done');
  return result;
}
