// The execution result, computed from the safety record (decisions that write nothing) and the
// journal's batch checkpoints (what was written): identical for a run that was interrupted and
// resumed and one that was not.
import { addCounts, emptyResultCounts, type TRestoreResultCounts } from './restore-counts';
import type { TFailedItem, TJournalEntry } from './restore-journal';
import type { TSafetyRecord } from './safety-record';

export type TExecuteRestoreResult = {
  restoreId: string;
  planHash: string;
  counts: TRestoreResultCounts;
  namespaces: { name: string; counts: TRestoreResultCounts }[];
  /** per-document write failures (duplicate key, validation); everything else was written */
  failed: TFailedItem[];
  /** true when this call continued an execution a previous call had started */
  resumed: boolean;
  indexesCreated: { namespace: string; created: string[] }[];
};

export function restoreResultOf(
  record: TSafetyRecord,
  batches: Iterable<Extract<TJournalEntry, { type: 'batch' }>>,
  extra: Pick<TExecuteRestoreResult, 'resumed' | 'indexesCreated'>,
): TExecuteRestoreResult {
  const perNs = new Map(record.namespaces.map((ns) => [ns.name, emptyResultCounts()]));
  for (const ns of record.namespaces) {
    const c = perNs.get(ns.name)!;
    for (const it of ns.items) {
      if (it[1] === 'unchanged') c.unchanged++;
      else if (it[1] === 'skip') c.skipped++;
    }
  }
  const failed: TFailedItem[] = [];
  for (const b of [...batches].sort((x, y) => x.index - y.index)) {
    const c = perNs.get(b.namespace);
    if (c) addCounts(c, b.counts);
    failed.push(...b.failed);
  }
  const counts = emptyResultCounts();
  for (const c of perNs.values()) addCounts(counts, c);
  return {
    restoreId: record.restoreId,
    planHash: record.planHash,
    counts,
    namespaces: [...perNs].map(([name, c]) => ({ name, counts: c })),
    failed,
    ...extra,
  };
}
