import type { TActor } from '@/lib/auth/actor';
import type { Prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { impersonationIdOf } from './request-audit';

/**
 * Approving and rejecting are never done while impersonating: neither when the auth layer marks
 * the actor as impersonating, nor — checked in the catalog, whatever the actor object says —
 * while the acting user has an impersonation session that has not ended or expired.
 */
export async function assertNotImpersonating(tx: Prisma.TransactionClient, actor: TActor, now = new Date()): Promise<void> {
  if (impersonationIdOf(actor)) throw new AppError('FORBIDDEN', 'You cannot decide on restore requests while impersonating a tenant.');
  const active = await tx.impersonationSession.count({
    where: { supportUserId: actor.userId, endedAt: null, expiresAt: { gt: now } },
  });
  if (active > 0) throw new AppError('FORBIDDEN', 'You cannot decide on restore requests while an impersonation session of yours is active.');
}
