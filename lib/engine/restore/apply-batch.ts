// Writes one batch. Every operation is idempotent (replaceOne upsert by _id, deleteOne by _id,
// both with the tenant predicate for SHARED_FIELD), so replaying a batch that crashed half-way
// ends in the same state. Snapshot bytes are verified against the planned blob id on read.
import { EngineError } from '../errors/engine-error';
import { tenantPredicateFilter } from '../filter/and-tenant-predicate';
import { matchesFilter } from '../filter/matches-filter';
import { idFromKey } from '../format/document-key';
import type { Clock } from '../ports/clock';
import { decodeExact } from './exact-bson';
import { lineageOp, type TLineageAction } from './lineage';
import { emptyResultCounts, type TRestoreResultCounts } from './restore-counts';
import type { TFailedItem } from './restore-journal';
import type { TRestoreBatch } from './restore-batches';
import type { RestoreTarget, TWriteOp } from './restore-target';
import type { TSafetyRecord } from './safety-record';
import type { TSnapshotReader } from './snapshot-reader';
import { byIdFilter } from './write-filters';

export type TApplyBatchDeps = { target: RestoreTarget; reader: TSnapshotReader; clock: Clock };

const RESULT_OF: Record<'insert' | 'update' | 'delete', keyof TRestoreResultCounts & TLineageAction> = {
  insert: 'inserted',
  update: 'updated',
  delete: 'deleted',
};

export async function applyBatch(
  record: TSafetyRecord,
  batch: TRestoreBatch,
  deps: TApplyBatchDeps,
): Promise<{ counts: TRestoreResultCounts; failed: TFailedItem[]; bytes: number }> {
  const ns = record.namespaces[batch.namespace]!;
  const tenant = record.tenantPredicate;
  const tenantFilter = tenant ? tenantPredicateFilter(tenant) : null;
  const ops: TWriteOp[] = [];
  let bytes = 0;
  for (const [idKey, action, snapshotBlobId, , length] of batch.items) {
    bytes += length;
    const filter = byIdFilter(idFromKey(idKey), tenant);
    if (action === 'delete') {
      ops.push({ op: 'delete', filter });
      continue;
    }
    const replacement = decodeExact(await deps.reader.read(ns.name, idKey, snapshotBlobId!));
    if (tenantFilter && !matchesFilter(tenantFilter, replacement)) {
      throw new EngineError('TENANT_SCOPE_VIOLATION', `snapshot document ${ns.name}/${idKey} is not tenant ${tenant!.value}'s`);
    }
    ops.push({ op: 'replace', filter, replacement });
  }
  const res = await deps.target.write(ns.target, ops);
  const errors = new Map(res.errors.map((e) => [e.index, e]));
  const counts = emptyResultCounts();
  const failed: TFailedItem[] = [];
  const lineage: TWriteOp[] = [];
  const now = deps.clock.now();
  batch.items.forEach(([idKey, action], i) => {
    const err = errors.get(i);
    if (err) {
      counts.failed++;
      failed.push({ namespace: ns.name, idKey, action, ...(err.code === undefined ? {} : { code: err.code }), message: err.message });
      return;
    }
    const result = RESULT_OF[action as 'insert' | 'update' | 'delete'];
    counts[result]++;
    lineage.push(lineageOp({ restoreId: record.restoreId, snapshotId: record.snapshotId, tenantPredicate: tenant }, { namespace: ns.name, target: ns.target, idKey, action: result }, now));
  });
  if (lineage.length > 0) {
    const l = await deps.target.write(record.lineage, lineage);
    if (l.errors.length > 0) throw new EngineError('MONGO_ERROR', `lineage write failed: ${l.errors[0]!.message}`);
  }
  return { counts, failed, bytes };
}
