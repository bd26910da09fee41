// Restore failures as EngineErrors. The three plan failures have codes of their own in the closed
// union (RESTORE_PLAN_STALE, RESTORE_CONFLICT, RESTORE_PLAN_INVALID); journal and safety failures
// reuse generic codes. Every failure also carries a stable `details.reason` (finer than the code).
import { EngineError, type TEngineErrorCode, type TEngineErrorDetails } from '../errors/engine-error';

export const RESTORE_FAILURE_REASONS = [
  /** the target changed between the dry-run (approval) and execution; nothing was written */
  'PLAN_STALE',
  /** conflictPolicy 'fail' and live documents differ from the snapshot; nothing was written */
  'PLAN_CONFLICT',
  /** the plan does not parse, or its planHash does not match its content */
  'PLAN_INVALID',
  /** the journal or safety record belongs to another plan, or the restore was undone */
  'JOURNAL_MISMATCH',
  /** no safety snapshot exists for the restore id (never executed, or not yet) */
  'SAFETY_MISSING',
] as const;
export type TRestoreFailureReason = (typeof RESTORE_FAILURE_REASONS)[number];

const CODE_OF: Record<TRestoreFailureReason, TEngineErrorCode> = {
  PLAN_STALE: 'RESTORE_PLAN_STALE',
  PLAN_CONFLICT: 'RESTORE_CONFLICT',
  PLAN_INVALID: 'RESTORE_PLAN_INVALID',
  JOURNAL_MISMATCH: 'INVALID_ARGUMENT',
  SAFETY_MISSING: 'OBJECT_MISSING',
};

export function restoreError(reason: TRestoreFailureReason, message: string, details: TEngineErrorDetails = {}): EngineError {
  return new EngineError(CODE_OF[reason], message, { ...details, reason });
}

export function restoreFailureReason(err: unknown): TRestoreFailureReason | null {
  if (!(err instanceof EngineError)) return null;
  const reason = err.details.reason;
  return RESTORE_FAILURE_REASONS.includes(reason as TRestoreFailureReason) ? (reason as TRestoreFailureReason) : null;
}
