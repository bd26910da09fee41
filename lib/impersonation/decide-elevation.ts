import 'server-only';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { appendAudit } from '@/lib/audit/append-audit';
import type { TActor } from '@/lib/auth/actor';
import { assertCan, assertCanForTenant } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { AppError, InputError } from '@/lib/errors';
import { ZDecideElevation } from './schemas';

/**
 * An approver approves or rejects a pending elevation. Never the support user themselves (nor
 * another account of the same person), and
 * only for a session that is still open and unexpired. Approval does not extend the session.
 */
export async function decideElevation(args: {
  actor: TActor;
  input: { sessionId: string; decision: 'APPROVE' | 'REJECT'; note: string };
  origin?: string | null;
}) {
  const { actor } = args;
  assertCan(actor, 'impersonation.approve');
  const parsed = ZDecideElevation.safeParse(args.input);
  if (!parsed.success) throw new InputError(parsed.error.issues);
  const { sessionId, decision, note } = parsed.data;
  return db.$transaction(async (tx) => {
    const s = await tx.impersonationSession.findUnique({
      where: { id: sessionId },
      select: { id: true, supportUserId: true, tenantId: true, targetUserId: true, elevationStatus: true, endedAt: true, expiresAt: true },
    });
    if (!s || s.elevationStatus !== 'PENDING') throw new AppError('NOT_FOUND', 'No pending elevation request with that id.');
    assertCanForTenant(actor, 'impersonation.approve', s.tenantId);
    if (s.supportUserId === actor.userId) throw new AppError('FORBIDDEN', 'You cannot approve an elevation of your own session.');
    const people = await tx.user.findMany({ where: { id: { in: [s.supportUserId, actor.userId] } }, select: { id: true, personId: true } });
    const personOf = (id: string) => people.find((u) => u.id === id)?.personId ?? id;
    if (personOf(s.supportUserId) === personOf(actor.userId)) {
      throw new AppError('FORBIDDEN', 'You cannot decide on an elevation of your own session (it was requested from another account of yours).');
    }
    if (s.endedAt || s.expiresAt <= new Date()) throw new AppError('CONFLICT', 'That impersonation session has already ended.');
    const approved = decision === 'APPROVE';
    const { count } = await tx.impersonationSession.updateMany({
      where: { id: s.id, elevationStatus: 'PENDING', endedAt: null },
      data: {
        elevationStatus: approved ? 'APPROVED' : 'REJECTED',
        isElevated: approved,
        elevationApprovedById: approved ? actor.userId : null,
        elevationDecidedAt: new Date(),
        elevationDecisionNote: note,
      },
    });
    if (count !== 1) throw new AppError('CONFLICT', 'That request was decided or ended meanwhile.');
    await appendAudit(tx, {
      action: approved ? AUDIT_ACTIONS.elevationApproved : AUDIT_ACTIONS.elevationRejected,
      actorUserId: actor.userId,
      actorEmail: actor.email,
      tenantId: s.tenantId,
      // The approver is not impersonating; the session id goes in the target so the row links up.
      targetType: 'impersonation',
      targetId: s.id,
      metadata: { note, supportUserId: s.supportUserId },
      origin: args.origin ?? null,
    });
    return { sessionId: s.id, elevationStatus: approved ? ('APPROVED' as const) : ('REJECTED' as const) };
  });
}
