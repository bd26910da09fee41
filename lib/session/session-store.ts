import 'server-only';
import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { signInCountsAsStepUp } from './step-up';

// Server-side sessions behind next-auth's JWT. The cookie carries the user id and a session id
// (`sid`); the session is valid while its user_sessions row is not revoked, is younger than
// SESSION_MAX_HOURS (counted from the row, so renewing the cookie cannot extend it) and was
// created after the user's sessionsValidAfter (moved by database triggers on a password change,
// a removed membership or platform role, deactivation). Checked on every request that reads the
// session (getCurrentActor and /api/auth/session both run next-auth's jwt callback).

/** last_seen_at is written at most this often per session. */
export const TOUCH_EVERY_MS = 60_000;

export type TSessionCheck = { ok: true; createdAt: Date } | { ok: false; reason: 'unknown' | 'revoked' | 'expired' | 'superseded' | 'inactive' };

/** A new session; its sign-in counts as a step-up unless the user must give a TOTP code (lib/session/step-up.ts). */
export async function createUserSession(userId: string, method: string): Promise<string> {
  const id = randomBytes(24).toString('base64url');
  const counts = await signInCountsAsStepUp(userId);
  await db.userSession.create({ data: { id, userId, method, ...(counts ? { steppedUpAt: new Date() } : {}) } });
  return id;
}

export async function checkUserSession(sid: string, userId: string, now: Date = new Date()): Promise<TSessionCheck> {
  const row = await db.userSession.findUnique({
    where: { id: sid },
    select: { userId: true, createdAt: true, lastSeenAt: true, revokedAt: true, user: { select: { isActive: true, sessionsValidAfter: true } } },
  });
  if (!row || row.userId !== userId) return { ok: false, reason: 'unknown' };
  if (row.revokedAt) return { ok: false, reason: 'revoked' };
  if (!row.user.isActive) return { ok: false, reason: 'inactive' };
  if (row.createdAt < row.user.sessionsValidAfter) return { ok: false, reason: 'superseded' };
  if (now.getTime() - row.createdAt.getTime() > env().SESSION_MAX_HOURS * 3600_000) {
    await revokeUserSession(sid, 'expired');
    return { ok: false, reason: 'expired' };
  }
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    // Conditional, so concurrent requests of one session write once.
    await db.userSession.updateMany({ where: { id: sid, lastSeenAt: row.lastSeenAt }, data: { lastSeenAt: now } });
  }
  return { ok: true, createdAt: row.createdAt };
}

export async function revokeUserSession(sid: string, reason: 'sign-out' | 'expired'): Promise<void> {
  await db.userSession.updateMany({ where: { id: sid, revokedAt: null }, data: { revokedAt: new Date(), revokeReason: reason } });
}
