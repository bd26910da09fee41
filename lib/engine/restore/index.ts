// Public API of the restore engine (re-exported by lib/engine/index.ts).
export { planRestore, type TPlanRestoreOptions } from './plan-restore';
export {
  dryRunRestore,
  MAX_PAGE_SIZE,
  type TDryRunChange,
  type TDryRunChangeWithSides,
  type TDryRunDeps,
  type TDryRunOptions,
  type TDryRunResult,
} from './dry-run-restore';
export { executeRestore, type TExecuteRestoreDeps, type TExecuteRestoreOptions } from './execute-restore';
export type { TExecuteRestoreResult } from './restore-result';
export { verifyRestore, type TVerifyRestoreResult } from './verify-restore';
export { undoRestore, type TUndoRestoreDeps, type TUndoRestoreResult } from './undo-restore';
export { previewUndo, type TPreviewUndoDeps, type TPreviewUndoOptions, type TPreviewUndoResult } from './preview-undo';

export { ZRestorePlan, checkPlan, hashPlan, type TRestorePlan, type TPlanNamespace, type TPlanDocument, type TTargetNamespace } from './restore-plan';
export { expectedResultOf, type TAction, type TRestoreCounts, type TRestoreResultCounts } from './restore-counts';
export type { TRestoreProgress } from './restore-progress';
export type { TSpecDiff } from './compare-collection-spec';
export { RESTORE_FAILURE_REASONS, restoreFailureReason, type TRestoreFailureReason } from './restore-error';

// Ports and adapters
export type { RestoreTarget, TWriteOp, TWriteResult, TWriteError } from './restore-target';
export { createDriverRestoreTarget, type TDriverRestoreTargetOptions } from './driver-restore-target';
export { ZJournalEntry, type RestoreJournal, type TJournalEntry, type TFailedItem } from './restore-journal';
export { createMemoryRestoreJournal, type MemoryRestoreJournal } from './memory-restore-journal';
export { LINEAGE_COLLECTION, resolveLineageNamespace } from './resolve-targets';
export { LINEAGE_ACTIONS, type TLineageAction } from './lineage';
export { readSafetyRecord, safetyRecordKey, type TSafetyRecord } from './safety-record';
