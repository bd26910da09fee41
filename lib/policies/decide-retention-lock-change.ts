import 'server-only';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { appendAudit } from '@/lib/audit/append-audit';
import { actorAudit } from '@/lib/audit/audit-actor';
import type { TActor } from '@/lib/auth/actor';
import { assertCan, assertCanForTenant } from '@/lib/auth/assert-can';
import { db, type Prisma } from '@/lib/db';
import { AppError, InputError } from '@/lib/errors';
import { ZDecideRetentionLockChange, type TDecideRetentionLockChange } from './retention-lock-schema';

// The same person rule as restore approvals (lib/requests/evaluate-approvals.ts personOf): two
// accounts linked to one person are one person. Kept here so lib/policies never imports lib/requests.
const personOf = (userId: string, personId: string | null) => personId ?? `user:${userId}`;

/** As lib/requests/assert-not-impersonating.ts: no decision from an impersonating actor or one with an open session. */
async function assertNotImpersonating(tx: Prisma.TransactionClient, actor: TActor, now: Date): Promise<void> {
  if (actor.impersonation) throw new AppError('FORBIDDEN', 'You cannot decide on lock changes while impersonating a tenant.');
  const active = await tx.impersonationSession.count({ where: { supportUserId: actor.userId, endedAt: null, expiresAt: { gt: now } } });
  if (active > 0) throw new AppError('FORBIDDEN', 'You cannot decide on lock changes while an impersonation session of yours is active.');
}

/**
 * An approver approves (applies) or rejects a proposed lowering of a tenant's compliance lock.
 * Never the proposer, nor another account of the same person (the person check of restore
 * approvals); never while impersonating; only while the proposal is pending and the lock is still
 * what the proposal lowers from (a lock raised since makes the proposal stale: CONFLICT).
 */
export async function decideRetentionLockChange(args: { actor: TActor; input: TDecideRetentionLockChange; origin?: string | null; now?: Date }) {
  assertCan(args.actor, 'locks.approve');
  const parsed = ZDecideRetentionLockChange.safeParse(args.input);
  if (!parsed.success) throw new InputError(parsed.error.issues);
  const { changeId, decision, note } = parsed.data;
  const now = args.now ?? new Date();
  return db.$transaction(async (tx) => {
    await assertNotImpersonating(tx, args.actor, now);
    const found = await tx.retentionLockChange.findUnique({ where: { id: changeId }, select: { tenantId: true } });
    if (!found) throw new AppError('NOT_FOUND', 'No such lock change.');
    assertCanForTenant(args.actor, 'locks.approve', found.tenantId);
    await tx.$queryRaw`SELECT id FROM tenants WHERE id = ${found.tenantId} FOR UPDATE`;
    const change = await tx.retentionLockChange.findUniqueOrThrow({
      where: { id: changeId },
      include: { proposedBy: { select: { personId: true } }, tenant: { select: { retentionLockDays: true } } },
    });
    if (args.actor.userId === change.proposedById) throw new AppError('FORBIDDEN', 'You cannot decide on a lock change you proposed.');
    const me = await tx.user.findUnique({ where: { id: args.actor.userId }, select: { personId: true } });
    if (personOf(args.actor.userId, me?.personId ?? null) === personOf(change.proposedById, change.proposedBy.personId)) {
      throw new AppError('FORBIDDEN', 'You cannot decide on a lock change proposed from another account of yours.');
    }
    if (change.status !== 'PENDING') throw new AppError('CONFLICT', `This lock change was already ${change.status.toLowerCase()}.`);
    if (decision === 'APPROVE' && change.tenant.retentionLockDays !== change.fromDays) {
      throw new AppError('CONFLICT', `The lock changed since this was proposed (now ${change.tenant.retentionLockDays} days); reject it and propose again.`);
    }
    const status = decision === 'APPROVE' ? 'APPROVED' : 'REJECTED';
    await tx.retentionLockChange.update({
      where: { id: changeId },
      data: { status, decidedById: args.actor.userId, decidedAt: now, decisionNote: note || null },
    });
    if (decision === 'APPROVE') await tx.tenant.update({ where: { id: change.tenantId }, data: { retentionLockDays: change.toDays } });
    await appendAudit(
      tx,
      actorAudit(args.actor, {
        action: decision === 'APPROVE' ? AUDIT_ACTIONS.lockLowerApproved : AUDIT_ACTIONS.lockLowerRejected,
        tenantId: change.tenantId,
        targetType: 'retention_lock_change',
        targetId: changeId,
        metadata: { fromDays: change.fromDays, toDays: change.toDays, proposedById: change.proposedById, note: note ?? null },
        origin: args.origin ?? null,
      }),
    );
    return { status, tenantId: change.tenantId, days: decision === 'APPROVE' ? change.toDays : change.fromDays };
  });
}
