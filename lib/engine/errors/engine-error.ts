// The engine's only error type. Callers (catalog, worker, UI) switch on `code`, never on the
// message, so the code union is closed: adding a code is a deliberate API change.
export const ENGINE_ERROR_CODES = [
  'INVALID_ARGUMENT',
  'OBJECT_MISSING',
  'OBJECT_EXISTS',
  'INTEGRITY_MISMATCH',
  'WRONG_OBJECT_KEY',
  'UNKNOWN_FORMAT_VERSION',
  'MANIFEST_MAC_INVALID',
  'MANIFEST_TENANT_MISMATCH',
  'MANIFEST_NAME_MISMATCH',
  'SNAPSHOT_NOT_FOUND',
  'PARENT_MISMATCH',
  'KEY_DESTROYED',
  'KEY_INVALID',
  /** the tenant's key object is absent although the tenant has (or is expected to have) snapshots */
  'KEY_MISSING',
  /** the tenant's key object is there but is not a valid key record */
  'KEY_DAMAGED',
  /** the tenant's key object does not authenticate under this master key (tampered, or another master key) */
  'KEY_UNWRAP_FAILED',
  'READ_ONLY',
  'STORE_UNAVAILABLE',
  'STORE_ERROR',
  'MONGO_ERROR',
  'TENANT_SCOPE_VIOLATION',
  'OPLOG_ROLLED_OVER',
  'ABORTED',
  /** the restore target changed between the approved dry-run and execution; nothing was written */
  'RESTORE_PLAN_STALE',
  /** conflictPolicy 'fail' and live documents differ from the snapshot; nothing was written */
  'RESTORE_CONFLICT',
  /** a restore plan that does not parse, does not match its planHash, or selects unsafely */
  'RESTORE_PLAN_INVALID',
  /** a point in time outside the captured coverage (no base snapshot before it, or inside a gap) */
  'PITR_NOT_COVERED',
] as const;

export type TEngineErrorCode = (typeof ENGINE_ERROR_CODES)[number];

/** Codes a retry may fix; everything else is permanent. */
const TRANSIENT: ReadonlySet<TEngineErrorCode> = new Set(['STORE_UNAVAILABLE']);

export type TEngineErrorDetails = {
  objectKey?: string;
  snapshotId?: string;
  tenantId?: string;
  [k: string]: unknown;
};

export class EngineError extends Error {
  readonly code: TEngineErrorCode;
  readonly details: TEngineErrorDetails;

  constructor(code: TEngineErrorCode, message: string, details: TEngineErrorDetails = {}, options?: { cause?: unknown }) {
    super(`${code}: ${message}`, options);
    this.name = 'EngineError';
    this.code = code;
    this.details = details;
  }

  get isTransient(): boolean {
    return TRANSIENT.has(this.code);
  }
}

export function isEngineError(err: unknown, code?: TEngineErrorCode): err is EngineError {
  return err instanceof EngineError && (code === undefined || err.code === code);
}

/** Throws ABORTED when the caller's signal fired; call between units of work. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EngineError('ABORTED', 'operation aborted', { reason: String(signal.reason) });
}
