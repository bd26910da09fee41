// The journal port: an append-only log of a restore's progress, so a crashed execution resumes
// where it stopped and a finished one is not run twice. The catalog implements it on its own
// table; memory-restore-journal.ts is the reference implementation for tests. Entries are plain
// JSON and validated on read.
import { z } from 'zod';
import { restoreError } from './restore-error';

const ZResultCounts = z.strictObject({
  inserted: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  deleted: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
});

export const ZFailedItem = z.strictObject({ namespace: z.string(), idKey: z.string(), action: z.string(), code: z.number().optional(), message: z.string() });
export type TFailedItem = z.infer<typeof ZFailedItem>;

export const ZJournalEntry = z.discriminatedUnion('type', [
  /** the pre-state was verified and the safety snapshot stored: writes may begin */
  z.strictObject({
    type: z.literal('started'),
    planHash: z.string(),
    preStateFingerprint: z.string(),
    batchSize: z.number().int().positive(),
    batches: z.number().int().nonnegative(),
    at: z.string(),
  }),
  /** batch `index` is fully written (data and lineage) */
  z.strictObject({
    type: z.literal('batch'),
    planHash: z.string(),
    index: z.number().int().nonnegative(),
    namespace: z.string(),
    counts: ZResultCounts,
    failed: z.array(ZFailedItem),
    at: z.string(),
  }),
  z.strictObject({ type: z.literal('completed'), planHash: z.string(), counts: ZResultCounts, at: z.string() }),
  z.strictObject({ type: z.literal('undone'), planHash: z.string(), at: z.string() }),
]);
export type TJournalEntry = z.infer<typeof ZJournalEntry>;

export interface RestoreJournal {
  /** Every entry appended for the restore, in append order ([] when none). */
  read(restoreId: string): Promise<TJournalEntry[]>;
  /** Durably appends one entry; only after it resolves may the caller act on it. */
  append(restoreId: string, entry: TJournalEntry): Promise<void>;
}

export type TJournalState = {
  started: Extract<TJournalEntry, { type: 'started' }> | null;
  batches: Map<number, Extract<TJournalEntry, { type: 'batch' }>>;
  completed: Extract<TJournalEntry, { type: 'completed' }> | null;
  undone: boolean;
};

/** Folds a journal into its state; entries of another plan mean a restore id was reused. */
export async function readJournalState(journal: RestoreJournal, restoreId: string, planHash: string): Promise<TJournalState> {
  const state: TJournalState = { started: null, batches: new Map(), completed: null, undone: false };
  for (const raw of await journal.read(restoreId)) {
    const entry = ZJournalEntry.parse(raw);
    if (entry.planHash !== planHash) {
      throw restoreError('JOURNAL_MISMATCH', `journal of restore ${restoreId} belongs to another plan`, { restoreId });
    }
    if (entry.type === 'started') state.started ??= entry;
    else if (entry.type === 'batch') state.batches.set(entry.index, entry);
    else if (entry.type === 'completed') state.completed = entry;
    else state.undone = true;
  }
  return state;
}
