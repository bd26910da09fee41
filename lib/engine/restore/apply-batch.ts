// Writes one batch. Every operation is idempotent (insert, retried as replaceOne upsert by _id on
// a duplicate key — write-idempotent.ts; replaceOne upsert by _id; deleteOne by _id; all with the
// tenant predicate for SHARED_FIELD), so replaying a batch that crashed half-way ends in the same
// state. Snapshot bytes are verified against the planned blob id on read. Reading a batch
// (prepareBatch: snapshot reads, checks, decoding; no writes) is split from writing it
// (applyBatch), so execution can read the next batch while the server writes this one.
import { EngineError } from '../errors/engine-error';
import { tenantPredicateFilter } from '../filter/and-tenant-predicate';
import { matchesFilter } from '../filter/matches-filter';
import { idFromKey } from '../format/document-key';
import type { TIndexEntry } from '../format/index-segment';
import type { Clock } from '../ports/clock';
import { decodeExact } from './exact-bson';
import { lineageOps, type TLineageAction } from './lineage';
import { emptyResultCounts, type TRestoreResultCounts } from './restore-counts';
import type { TFailedItem } from './restore-journal';
import type { TRestoreBatch } from './restore-batches';
import type { RestoreTarget, TWriteOp } from './restore-target';
import type { TSafetyRecord } from './safety-record';
import type { TSnapshotReader } from './snapshot-reader';
import { byIdFilter } from './write-filters';
import { writeIdempotent } from './write-idempotent';

export type TApplyBatchDeps = { target: RestoreTarget; reader: TSnapshotReader; clock: Clock };

const RESULT_OF: Record<'insert' | 'update' | 'delete', keyof TRestoreResultCounts & TLineageAction> = {
  insert: 'inserted',
  update: 'updated',
  delete: 'deleted',
};

export type TPreparedBatch = { ops: TWriteOp[]; bytes: number };

/** The batch's write operations, with the snapshot documents read, verified and tenant-checked. */
export async function prepareBatch(record: TSafetyRecord, batch: TRestoreBatch, deps: Pick<TApplyBatchDeps, 'reader'>): Promise<TPreparedBatch> {
  const ns = record.namespaces[batch.namespace]!;
  const tenant = record.tenantPredicate;
  const tenantFilter = tenant ? tenantPredicateFilter(tenant) : null;
  // Locate every snapshot document first and read them in pack/frame order: a batch then
  // decodes each frame once even when `_id` order and capture order differ (random ids).
  const located: { i: number; entry: TIndexEntry }[] = [];
  for (const [i, [idKey, action, snapshotBlobId]] of batch.items.entries()) {
    if (action !== 'delete') located.push({ i, entry: await deps.reader.locate(ns.name, idKey, snapshotBlobId!) });
  }
  located.sort((a, b) =>
    a.entry.pack.id < b.entry.pack.id ? -1 : a.entry.pack.id > b.entry.pack.id ? 1 : a.entry.frame - b.entry.frame || a.entry.offset - b.entry.offset,
  );
  const raws: Buffer[] = [];
  for (const { i, entry } of located) raws[i] = await deps.reader.readEntry(ns.name, entry);
  const ops: TWriteOp[] = [];
  let bytes = 0;
  for (const [i, [idKey, action, , , length]] of batch.items.entries()) {
    bytes += length;
    const filter = byIdFilter(idFromKey(idKey), tenant);
    if (action === 'delete') {
      ops.push({ op: 'delete', filter });
      continue;
    }
    const replacement = decodeExact(raws[i]!);
    if (tenantFilter && !matchesFilter(tenantFilter, replacement)) {
      throw new EngineError('TENANT_SCOPE_VIOLATION', `snapshot document ${ns.name}/${idKey} is not tenant ${tenant!.value}'s`);
    }
    ops.push(action === 'insert' ? { op: 'insert', document: replacement } : { op: 'replace', filter, replacement });
  }
  return { ops, bytes };
}

/** Writes a prepared batch and its lineage records; per-document failures are returned, not thrown. */
export async function applyBatch(
  record: TSafetyRecord,
  batch: TRestoreBatch,
  prepared: TPreparedBatch,
  deps: TApplyBatchDeps,
): Promise<{ counts: TRestoreResultCounts; failed: TFailedItem[]; bytes: number }> {
  const ns = record.namespaces[batch.namespace]!;
  const tenant = record.tenantPredicate;
  const { ops, bytes } = prepared;
  const res = await writeIdempotent(deps.target, ns.target, ops, tenant);
  const errors = new Map(res.errors.map((e) => [e.index, e]));
  const counts = emptyResultCounts();
  const failed: TFailedItem[] = [];
  const written: { idKey: string; action: TLineageAction }[] = [];
  batch.items.forEach(([idKey, action], i) => {
    const err = errors.get(i);
    if (err) {
      counts.failed++;
      failed.push({ namespace: ns.name, idKey, action, ...(err.code === undefined ? {} : { code: err.code }), message: err.message });
      return;
    }
    const result = RESULT_OF[action as 'insert' | 'update' | 'delete'];
    counts[result]++;
    written.push({ idKey, action: result });
  });
  const lineage = lineageOps(
    { restoreId: record.restoreId, snapshotId: record.snapshotId, tenantPredicate: tenant },
    { namespace: ns.name, target: ns.target, index: batch.index, written },
    deps.clock.now(),
  );
  if (lineage.length > 0) {
    const l = await writeIdempotent(deps.target, record.lineage, lineage, tenant);
    if (l.errors.length > 0) throw new EngineError('MONGO_ERROR', `lineage write failed: ${l.errors[0]!.message}`);
  }
  return { counts, failed, bytes };
}
