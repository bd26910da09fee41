import 'server-only';
import { z } from 'zod';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { appendAudit, recordAudit } from '@/lib/audit/append-audit';
import type { TActor } from '@/lib/auth/actor';
import { DUMMY_HASH, verifyPassword } from '@/lib/auth/password';
import { db } from '@/lib/db';
import { AppError, InputError } from '@/lib/errors';
import { checkSignInThrottle, clearAccountThrottle, recordSignInFailure, retryAfterMinutes } from './sign-in-throttle';
import { needsTotp } from './step-up';
import { checkTotpCode, openTotpSecret } from './totp';

export const ZReauthenticate = z.object({
  password: z.string().min(1, 'Enter your password.').max(200),
  code: z.string().trim().max(12).optional(),
});

/**
 * Step-up: the signed-in user re-enters the password (and, for platform roles with TOTP, a
 * code); on success this session's `stepped_up_at` is now. Wrong passwords and codes count
 * against the account like failed sign-ins (lib/session/sign-in-throttle.ts: the same
 * per-account limiter and back-off), so step-up cannot be used to guess either; a blocked
 * account is refused before anything is checked. A code is accepted once (replay refused).
 */
export async function reauthenticate(args: { actor: TActor; input: unknown; origin?: string | null }): Promise<{ steppedUpAt: string }> {
  const { actor } = args;
  const parsed = ZReauthenticate.safeParse(args.input);
  if (!parsed.success) throw new InputError(parsed.error.issues);
  if (!actor.sessionId) throw new AppError('UNAUTHENTICATED', 'Sign in again to continue.');
  const keys = { email: actor.email.toLowerCase(), address: null };
  const throttled = await checkSignInThrottle(keys);
  if (throttled) throw new AppError('FORBIDDEN', `Too many wrong attempts: try again in ${retryAfterMinutes(throttled.retryAfterMs)} minutes.`);
  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true, totpSecret: true, totpLastStep: true } });
  // Single sign-on accounts have no password here: a fresh sign-in is their step-up.
  if (user && !user.passwordHash) throw new AppError('CONFLICT', 'Your account signs in through single sign-on: sign out and sign in again to confirm.');
  const passwordOk = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user?.passwordHash || !passwordOk) return refuse(args, keys, 'wrong-password', 'That password is not right.');
  let step: number | null = null;
  if (await needsTotp(actor.userId)) {
    if (!parsed.data.code) throw new InputError([{ path: ['code'], message: 'Enter the 6-digit code from your authenticator app.' }]);
    const check = await checkTotpCode(openTotpSecret(user.totpSecret!), parsed.data.code, user.totpLastStep);
    if (!check.ok)
      return refuse(
        args,
        keys,
        `${check.reason}-code`,
        check.reason === 'replayed' ? 'That code was used already: wait for the next one.' : 'That code is not right.',
      );
    step = check.step;
  }
  const now = new Date();
  await clearAccountThrottle(keys.email);
  await db.$transaction(async (tx) => {
    // The step is stored only if it is newer than the stored one (two concurrent uses of a code: one wins).
    if (step !== null) {
      const moved = await tx.user.updateMany({
        where: { id: actor.userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
        data: { totpLastStep: step },
      });
      if (moved.count !== 1) throw new AppError('INVALID_INPUT', 'That code was used already: wait for the next one.');
    }
    const updated = await tx.userSession.updateMany({ where: { id: actor.sessionId!, userId: actor.userId, revokedAt: null }, data: { steppedUpAt: now } });
    if (updated.count !== 1) throw new AppError('UNAUTHENTICATED', 'This session has ended: sign in again.');
    await appendAudit(tx, {
      action: AUDIT_ACTIONS.stepUp,
      actorUserId: actor.userId,
      actorEmail: actor.email,
      origin: args.origin ?? null,
      metadata: { totp: step !== null },
    });
  });
  return { steppedUpAt: now.toISOString() };
}

async function refuse(
  args: { actor: TActor; origin?: string | null },
  keys: { email: string; address: null },
  reason: string,
  message: string,
): Promise<never> {
  const blocks = await recordSignInFailure(keys);
  await recordAudit(db, {
    action: AUDIT_ACTIONS.stepUpFailed,
    outcome: 'DENIED',
    actorUserId: args.actor.userId,
    actorEmail: args.actor.email,
    origin: args.origin ?? null,
    metadata: { reason, ...(blocks.length ? { blocks } : {}) },
  });
  throw new InputError([{ path: [reason.endsWith('code') ? 'code' : 'password'], message }], message);
}
