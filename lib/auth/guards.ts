import { forbidden, notFound, redirect } from 'next/navigation';
import { NextResponse } from 'next/server';
import { recordDenied } from '@/lib/audit/record-denied';
import { AppError, isAppError } from '@/lib/errors';
import type { TActor } from './actor';
import { isForbiddenError } from './assert-can';
export { assertCan, assertCanMutate } from './assert-can';
import { getCurrentActor } from './get-current-actor';
import { getRequestOrigin } from './request-origin';

export async function requireActorOrThrow(): Promise<TActor> {
  const actor = await getCurrentActor();
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  return actor;
}

/** For pages and layouts: signed-out users go to the sign-in page. */
export async function requirePageActor(callbackPath?: string): Promise<TActor> {
  const actor = await getCurrentActor();
  if (!actor) redirect(callbackPath ? `/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}` : '/sign-in');
  return actor;
}

/** For pages: run a DAL call and turn its typed errors into the 404/403 pages. */
export async function forPage<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (isForbiddenError(e)) await recordDenied(e, await getRequestOrigin());
    if (isAppError(e) && e.code === 'NOT_FOUND') notFound();
    if (isAppError(e) && e.code === 'FORBIDDEN') forbidden();
    if (isAppError(e) && e.code === 'UNAUTHENTICATED') redirect('/sign-in');
    throw e;
  }
}

/** For route handlers: authenticate, run, and map typed errors to JSON with the right status. */
export async function handleApi<T>(work: (actor: TActor) => Promise<T>): Promise<NextResponse> {
  try {
    const actor = await requireActorOrThrow();
    return NextResponse.json(await work(actor));
  } catch (e) {
    if (isForbiddenError(e)) await recordDenied(e, await getRequestOrigin());
    if (isAppError(e)) return NextResponse.json({ error: { code: e.code, message: e.message } }, { status: e.status });
    console.error(e);
    return NextResponse.json({ error: { code: 'INTERNAL', message: 'Something went wrong.' } }, { status: 500 });
  }
}
