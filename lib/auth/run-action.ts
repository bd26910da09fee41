import { recordRefusal } from '@/lib/audit/record-denied';
import { InputError, isAppError, type TAppErrorCode } from '@/lib/errors';
import type { TActor } from './actor';
import { requireActorOrThrow } from './guards';
import { getRequestOrigin } from './request-origin';

export type TActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: TAppErrorCode | 'INTERNAL'; message: string; fieldErrors?: Record<string, string> };

/**
 * The body of every server action: authenticate, run (the DAL authorizes and validates again),
 * and turn typed errors into a small result the form can show. A refused check is recorded as a
 * DENIED audit event here, outside the DAL's transaction (which rolled back).
 */
export async function runAction<T>(work: (actor: TActor, origin: string | null) => Promise<T>): Promise<TActionResult<T>> {
  const origin = await getRequestOrigin();
  let actor: TActor | null = null;
  try {
    actor = await requireActorOrThrow();
    return { ok: true, data: await work(actor, origin) };
  } catch (e) {
    await recordRefusal(e, actor, origin);
    if (isAppError(e)) {
      return { ok: false, code: e.code, message: e.message, ...(e instanceof InputError ? { fieldErrors: e.fieldErrors } : {}) };
    }
    console.error(e);
    return { ok: false, code: 'INTERNAL', message: 'Something went wrong. Try again.' };
  }
}
