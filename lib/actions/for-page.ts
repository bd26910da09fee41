import { forbidden, notFound, redirect } from 'next/navigation';
import { recordRefusal } from '@/lib/audit/record-denied';
import { getCurrentActor } from '@/lib/session/get-current-actor';
import { getRequestOrigin } from '@/lib/auth/request-origin';
import { isAppError } from '@/lib/errors';

/**
 * For pages: await a DAL call and turn a refusal into Next's pages — NOT_FOUND → notFound(),
 * FORBIDDEN → forbidden(), UNAUTHENTICATED → the sign-in page — after auditing it once, as the
 * other boundaries do (run-action.ts). Any other error is rethrown to the error boundary.
 */
export async function forPage<T>(work: Promise<T>, operation = 'page'): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (!isAppError(e) || !['NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED'].includes(e.code)) throw e;
    await recordRefusal(e, { actor: await getCurrentActor().catch(() => null), origin: await getRequestOrigin(), operation });
    if (e.code === 'NOT_FOUND') notFound();
    if (e.code === 'FORBIDDEN') forbidden();
    redirect('/sign-in');
  }
}
