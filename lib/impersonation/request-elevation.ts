import 'server-only';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { appendAudit } from '@/lib/audit/append-audit';
import { actorAudit } from '@/lib/audit/audit-actor';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { AppError, InputError } from '@/lib/errors';
import { ZRequestElevation } from './schemas';

/**
 * Support asks an approver to make the current session read-write. Only the support user's own
 * open session; asking again after a rejection is allowed (with a new reason), the expiry
 * never moves.
 */
export async function requestElevation(args: { actor: TActor; input: { sessionId: string; reason: string }; origin?: string | null }) {
  const { actor } = args;
  assertCan(actor, 'tenants.impersonate');
  const parsed = ZRequestElevation.safeParse(args.input);
  if (!parsed.success) throw new InputError(parsed.error.issues);
  const imp = actor.impersonation;
  if (!imp || imp.id !== parsed.data.sessionId) throw new AppError('NOT_FOUND', 'No such open impersonation session of yours.');
  return db.$transaction(async (tx) => {
    const { count } = await tx.impersonationSession.updateMany({
      where: {
        id: imp.id,
        supportUserId: actor.userId,
        endedAt: null,
        expiresAt: { gt: new Date() },
        OR: [{ elevationStatus: null }, { elevationStatus: 'REJECTED' }],
      },
      data: {
        elevationStatus: 'PENDING',
        elevationReason: parsed.data.reason,
        elevationRequestedAt: new Date(),
        elevationDecidedAt: null,
        elevationDecisionNote: null,
      },
    });
    if (count !== 1) throw new AppError('CONFLICT', 'An elevation is already pending or approved for this session.');
    await appendAudit(
      tx,
      actorAudit(actor, {
        action: AUDIT_ACTIONS.elevationRequested,
        tenantId: imp.tenantId,
        targetType: 'impersonation',
        targetId: imp.id,
        metadata: { reason: parsed.data.reason },
        origin: args.origin ?? null,
      }),
    );
    return { sessionId: imp.id, elevationStatus: 'PENDING' as const };
  });
}
