// What happens to each document, and the counts the dry-run promises and execution reports.
export type TAction =
  /** live missing: the snapshot document is inserted */
  | 'insert'
  /** live differs, conflictPolicy 'overwrite': replaced by the snapshot document */
  | 'update'
  /** live is byte-identical to the snapshot document: nothing to do */
  | 'unchanged'
  /** live differs, conflictPolicy 'skip': live is kept (a conflict, skipped) */
  | 'skip'
  /** live differs, conflictPolicy 'fail': the restore refuses to start */
  | 'conflict'
  /** deleteExtraneous: live document inside the selection the snapshot does not have */
  | 'delete';

export type TRestoreCounts = { insert: number; update: number; delete: number; unchanged: number; conflict: number; conflictSkipped: number };

export type TRestoreResultCounts = { inserted: number; updated: number; deleted: number; unchanged: number; skipped: number; failed: number };

export const emptyCounts = (): TRestoreCounts => ({ insert: 0, update: 0, delete: 0, unchanged: 0, conflict: 0, conflictSkipped: 0 });
export const emptyResultCounts = (): TRestoreResultCounts => ({ inserted: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0, failed: 0 });

export function countActions(actions: Iterable<TAction>): TRestoreCounts {
  const c = emptyCounts();
  for (const a of actions) {
    if (a === 'skip') c.conflictSkipped++;
    else c[a]++;
  }
  return c;
}

export function addCounts<T extends Record<string, number>>(into: T, add: T): T {
  for (const k of Object.keys(add) as (keyof T)[]) (into[k] as number) += add[k] as number;
  return into;
}

/** The execution result a dry-run promises (no per-document failures). */
export function expectedResultOf(c: TRestoreCounts): TRestoreResultCounts {
  return { inserted: c.insert, updated: c.update, deleted: c.delete, unchanged: c.unchanged, skipped: c.conflictSkipped, failed: 0 };
}

/** Actions that write to the target; their documents go into the safety snapshot. */
export const isWriteAction = (a: TAction): a is 'insert' | 'update' | 'delete' => a === 'insert' || a === 'update' || a === 'delete';
