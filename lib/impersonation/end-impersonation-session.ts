import 'server-only';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { appendAudit } from '@/lib/audit/append-audit';
import { db } from '@/lib/db';

export type TEndReason = 'stopped' | 'expired' | 'support-role-revoked' | 'target-revoked' | 'tenant-inactive';

/**
 * Ends an open session and audits it, in one transaction. The conditional update makes this
 * idempotent: when two requests race (or the session was already ended) only one writes the
 * event. Returns whether this call ended it.
 */
export async function endImpersonationSession(args: {
  sessionId: string;
  reason: TEndReason;
  /** The support user (for 'stopped' this is the actor who pressed Stop). */
  actor: { userId: string; email: string };
  origin?: string | null;
}): Promise<boolean> {
  const now = new Date();
  return db.$transaction(async (tx) => {
    const s = await tx.impersonationSession.findFirst({
      where: { id: args.sessionId, supportUserId: args.actor.userId, endedAt: null },
      select: { id: true, tenantId: true, targetUserId: true, expiresAt: true, targetUser: { select: { email: true } } },
    });
    if (!s) return false;
    // An expired session ended at its expiry time, whenever we notice it and whoever asks.
    const expired = s.expiresAt <= now;
    const endedAt = expired ? s.expiresAt : now;
    const reason: TEndReason = expired ? 'expired' : args.reason;
    const { count } = await tx.impersonationSession.updateMany({
      where: { id: s.id, endedAt: null },
      data: { endedAt, endReason: reason },
    });
    if (count !== 1) return false;
    await appendAudit(tx, {
      action:
        reason === 'stopped'
          ? AUDIT_ACTIONS.impersonationStopped
          : reason === 'expired'
            ? AUDIT_ACTIONS.impersonationExpired
            : AUDIT_ACTIONS.impersonationEnded,
      actorUserId: args.actor.userId,
      actorEmail: args.actor.email,
      impersonationId: s.id,
      tenantId: s.tenantId,
      targetType: 'impersonation',
      targetId: s.id,
      metadata: {
        reason,
        endedAt: endedAt.toISOString(),
        impersonatedUser: { id: s.targetUserId, email: s.targetUser?.email ?? null },
      },
      origin: args.origin ?? null,
    });
    return true;
  });
}
