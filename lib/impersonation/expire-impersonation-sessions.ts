import 'server-only';
import { db } from '@/lib/db';
import { endImpersonationSession } from './end-impersonation-session';

/**
 * Ends (and audits, once each) every session past its expiry whose support user has not made a
 * request since — so the audit log shows the expiry even when nobody comes back. Safe to run
 * from any number of workers at once (endImpersonationSession is idempotent). Returns how many
 * this call ended.
 */
export async function expireImpersonationSessions(now: Date = new Date()): Promise<number> {
  const due = await db.impersonationSession.findMany({
    where: { endedAt: null, expiresAt: { lte: now } },
    select: { id: true, supportUser: { select: { id: true, email: true } } },
    take: 500,
  });
  let ended = 0;
  for (const s of due) {
    if (await endImpersonationSession({ sessionId: s.id, reason: 'expired', actor: { userId: s.supportUser.id, email: s.supportUser.email } })) ended++;
  }
  return ended;
}
