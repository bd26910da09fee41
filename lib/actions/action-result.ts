import { isEngineError } from '@/lib/engine/errors/engine-error';
import { InputError, isAppError, type TAppErrorCode } from '@/lib/errors';

export type TActionErrorCode = TAppErrorCode | 'INTERNAL';
export type TActionFailure = { ok: false; code: TActionErrorCode; message: string; fieldErrors?: Record<string, string> };
/** What every server action returns (and what route handlers answer, as JSON with a status). */
export type TActionResult<T> = { ok: true; data: T } | TActionFailure;

export const INTERNAL_MESSAGE = 'Something went wrong. Try again, or ask support.';

/**
 * Typed errors become a small failure the UI can show (field errors for invalid input); an
 * engine error is a problem with what was asked for; anything else is logged here and answered
 * as INTERNAL without its message or stack, so internals never leak to the caller.
 */
export function toActionFailure(e: unknown, operation: string): TActionFailure {
  if (e instanceof InputError) return { ok: false, code: e.code, message: e.message, fieldErrors: e.fieldErrors };
  if (isAppError(e)) return { ok: false, code: e.code, message: e.message };
  if (isEngineError(e)) return { ok: false, code: 'INVALID_INPUT', message: e.message };
  console.error(`${operation} failed`, e);
  return { ok: false, code: 'INTERNAL', message: INTERNAL_MESSAGE };
}
