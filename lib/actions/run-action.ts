import { headers } from 'next/headers';
import { isEngineError } from '@/lib/engine';
import { isAppError, type TAppErrorCode } from '@/lib/errors';

export type TActionError = { code: TAppErrorCode | 'INTERNAL'; message: string };
export type TActionResult<T> = { ok: true; data: T } | { ok: false; error: TActionError };

/**
 * Server actions are public POST endpoints: they return a small result instead of throwing, so
 * the UI shows a clear message (typed AppError codes) and internals never leak.
 */
export async function runAction<T>(work: () => Promise<T>): Promise<TActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (e) {
    if (isAppError(e)) return { ok: false, error: { code: e.code, message: e.message } };
    if (isEngineError(e)) return { ok: false, error: { code: 'INVALID_INPUT', message: e.message } };
    console.error(e);
    return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong. Try again, or ask support.' } };
  }
}

/** The request's Origin (for the audit row); null outside a request. */
export async function requestOrigin(): Promise<string | null> {
  try {
    const h = await headers();
    return h.get('origin') ?? h.get('host');
  } catch {
    return null;
  }
}
