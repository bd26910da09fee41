// undoRestore: puts back the safety snapshot. Documents the restore overwrote or deleted get
// their pre-restore bytes again (replaceOne upsert by _id), documents it inserted are deleted,
// each with the tenant predicate for SHARED_FIELD. Every step is idempotent: undo can be
// repeated, or resumed after a crash, and always ends in the pre-restore state of those
// documents. Changes made to them after the restore are overwritten (that is what undo means).
import { EngineError, throwIfAborted } from '../errors/engine-error';
import type { TIndexEntry } from '../format/index-segment';
import { idFromKey } from '../format/document-key';
import { systemClock, type Clock } from '../ports/clock';
import type { ObjectStore } from '../ports/object-store';
import { FrameCache, readBlob } from '../read/read-blob';
import type { TRepository } from '../repo/repository';
import { decodeExact } from './exact-bson';
import { lineageUndoneOp } from './lineage';
import { isWriteAction } from './restore-counts';
import type { RestoreJournal } from './restore-journal';
import { createProgressTracker, type TRestoreProgress } from './restore-progress';
import type { RestoreTarget, TWriteOp } from './restore-target';
import { readSafetyRecordOrThrow } from './safety-record';
import { byIdFilter } from './write-filters';

export type TUndoRestoreDeps = {
  repo: TRepository;
  target: RestoreTarget;
  /** when given, an `undone` entry is appended, so the restore cannot be executed again */
  journal?: RestoreJournal;
  safetyStore?: ObjectStore;
  clock?: Clock;
};

export type TUndoRestoreResult = { restoreId: string; restored: number; deleted: number };

export async function undoRestore(
  restoreId: string,
  deps: TUndoRestoreDeps,
  options: { signal?: AbortSignal; batchSize?: number; onProgress?: (p: TRestoreProgress) => void } = {},
): Promise<TUndoRestoreResult> {
  const repo: TRepository = deps.safetyStore ? { ...deps.repo, store: deps.safetyStore } : deps.repo;
  const record = await readSafetyRecordOrThrow(repo, restoreId);
  const clock = deps.clock ?? systemClock;
  const secret = await repo.keys.tenantSecret(repo.tenant.tenantId, 'blob-id');
  const cache = new FrameCache(8);
  const tenant = record.tenantPredicate;
  const lineageCtx = { restoreId, snapshotId: record.snapshotId, tenantPredicate: tenant };
  const batchSize = options.batchSize ?? 500;
  let restored = 0;
  let deleted = 0;
  // Progress counts the documents put back or removed (per collection), like an execution's.
  const progress = createProgressTracker(clock, options.onProgress);
  const writes = record.namespaces.map((ns) => ({ ns, items: ns.items.filter((it) => isWriteAction(it[1])) }));
  progress.setTotals(Object.fromEntries(writes.map(({ ns, items }) => [ns.name, { documents: items.length, bytes: 0 }])));
  progress.phase('write');
  for (const { ns, items } of writes) {
    for (let i = 0; i < items.length; i += batchSize) {
      throwIfAborted(options.signal);
      const ops: TWriteOp[] = [];
      for (const [idKey, action, , liveBlobId, , pre] of items.slice(i, i + batchSize)) {
        const filter = byIdFilter(idFromKey(idKey), tenant);
        if (action === 'insert') {
          ops.push({ op: 'delete', filter });
          continue;
        }
        const pack = pre ? record.packs[pre[0]] : undefined;
        if (!pre || !pack || !liveBlobId) throw new EngineError('INTEGRITY_MISMATCH', `safety snapshot lacks the pre-restore bytes of ${ns.name}/${idKey}`);
        const entry: TIndexEntry = { idKey, blobId: liveBlobId, pack, frame: pre[1], offset: pre[2], length: pre[3] };
        ops.push({ op: 'replace', filter, replacement: decodeExact(await readBlob(repo, ns.name, entry, secret, cache)) });
      }
      const res = await deps.target.write(ns.target, ops);
      if (res.errors.length > 0) {
        throw new EngineError('MONGO_ERROR', `undo of ${ns.name} failed for ${res.errors.length} documents: ${res.errors[0]!.message}`, { restoreId });
      }
      for (const op of ops) {
        if (op.op === 'delete') deleted++;
        else restored++;
      }
      progress.advance(ns.name, ops.length, 0);
    }
  }
  await deps.target.write(record.lineage, [lineageUndoneOp(lineageCtx, clock.now())]);
  if (deps.journal) await deps.journal.append(restoreId, { type: 'undone', planHash: record.planHash, at: clock.now().toISOString() });
  progress.phase('done');
  return { restoreId, restored, deleted };
}
