import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';

// Step-up: sensitive actions (submitting, approving or rejecting a restore, undo and its
// decisions, support elevation, policy and lock changes, TOTP enrolment) need a fresh
// authentication of THIS session — recorded server-side on its user_sessions row
// (`stepped_up_at`), not in the cookie: a sign-in within STEP_UP_MINUTES counts (except for
// platform-role users with TOTP enrolled: their sign-in asks no code), else the password (and
// code) re-entered through reauthenticate(). Enforced by lib/actions (`stepUp: true`), so a
// server action called without the portal's dialog is refused the same way.

export const STEP_UP_REQUIRED_MESSAGE = 'Confirm your password to continue: this action needs a fresh sign-in.';

/** Whether the user's sign-in counts as a step-up (no TOTP to ask for). */
export async function signInCountsAsStepUp(userId: string): Promise<boolean> {
  return !(await needsTotp(userId));
}

/** Platform-role users with TOTP enabled give a code at every step-up. */
export async function needsTotp(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { totpEnabledAt: true, platformRoles: { where: { revokedAt: null }, select: { id: true } } },
  });
  return !!user?.totpEnabledAt && user.platformRoles.length > 0;
}

/** Refuses (STEP_UP_REQUIRED) unless the actor's session authenticated freshly within STEP_UP_MINUTES. */
export async function assertSteppedUp(actor: TActor, now: Date = new Date()): Promise<void> {
  if (!actor.sessionId) throw new AppError('STEP_UP_REQUIRED', STEP_UP_REQUIRED_MESSAGE);
  const row = await db.userSession.findUnique({ where: { id: actor.sessionId }, select: { userId: true, steppedUpAt: true, revokedAt: true } });
  if (!row || row.userId !== actor.userId || row.revokedAt || !row.steppedUpAt) throw new AppError('STEP_UP_REQUIRED', STEP_UP_REQUIRED_MESSAGE);
  if (now.getTime() - row.steppedUpAt.getTime() > env().STEP_UP_MINUTES * 60_000) throw new AppError('STEP_UP_REQUIRED', STEP_UP_REQUIRED_MESSAGE);
}
