import 'server-only';
import { z } from 'zod';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { appendAudit, recordAudit } from '@/lib/audit/append-audit';
import type { TActor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { AppError, InputError } from '@/lib/errors';
import { checkSignInThrottle, recordSignInFailure, retryAfterMinutes } from './sign-in-throttle';
import { checkTotpCode, openTotpSecret } from './totp';

export const ZTotpCode = z.object({ code: z.string().trim().min(6, 'Enter the 6-digit code.').max(12) });

/**
 * The first code from the authenticator app turns the pending secret into the account's
 * (`totp_enabled_at`); from then on every step-up of this platform-role user asks for a code.
 * Wrong codes count against the account like failed sign-ins (throttled the same way).
 */
export async function confirmTotpEnrolment(args: { actor: TActor; input: unknown; origin?: string | null }): Promise<{ enabledAt: string }> {
  const { actor } = args;
  const parsed = ZTotpCode.safeParse(args.input);
  if (!parsed.success) throw new InputError(parsed.error.issues);
  const keys = { email: actor.email.toLowerCase(), address: null };
  const throttled = await checkSignInThrottle(keys);
  if (throttled) throw new AppError('FORBIDDEN', `Too many wrong attempts: try again in ${retryAfterMinutes(throttled.retryAfterMs)} minutes.`);
  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { totpPendingSecret: true, totpEnabledAt: true } });
  if (user?.totpEnabledAt) throw new AppError('CONFLICT', 'An authenticator app is already enrolled for this account.');
  if (!user?.totpPendingSecret) throw new AppError('CONFLICT', 'Start the enrolment first.');
  const check = await checkTotpCode(openTotpSecret(user.totpPendingSecret), parsed.data.code, null);
  if (!check.ok) {
    const blocks = await recordSignInFailure(keys);
    await recordAudit(db, {
      action: AUDIT_ACTIONS.stepUpFailed,
      outcome: 'DENIED',
      actorUserId: actor.userId,
      actorEmail: actor.email,
      origin: args.origin ?? null,
      metadata: { reason: 'wrong-enrolment-code', ...(blocks.length ? { blocks } : {}) },
    });
    throw new InputError([{ path: ['code'], message: 'That code is not right: check the time on your device and try the next one.' }]);
  }
  const now = new Date();
  await db.$transaction(async (tx) => {
    const moved = await tx.user.updateMany({
      where: { id: actor.userId, totpEnabledAt: null, totpPendingSecret: user.totpPendingSecret },
      data: { totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: now, totpLastStep: check.step },
    });
    if (moved.count !== 1) throw new AppError('CONFLICT', 'The enrolment changed meanwhile; start again.');
    await appendAudit(tx, { action: AUDIT_ACTIONS.totpEnrolled, actorUserId: actor.userId, actorEmail: actor.email, origin: args.origin ?? null });
  });
  return { enabledAt: now.toISOString() };
}
