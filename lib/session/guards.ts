import { redirect } from 'next/navigation';
import type { TActor } from '@/lib/auth/actor';
export { assertCan, assertCanMutate } from '@/lib/auth/assert-can';
import { getCurrentActor } from './get-current-actor';

// Page helpers. Server actions and route handlers authenticate through lib/actions
// (createAction / createRoute); pages map DAL refusals with lib/actions/for-page.ts.

/** For pages and layouts: signed-out users go to the sign-in page. */
export async function requirePageActor(callbackPath?: string): Promise<TActor> {
  const actor = await getCurrentActor();
  if (!actor) redirect(callbackPath ? `/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}` : '/sign-in');
  return actor;
}
