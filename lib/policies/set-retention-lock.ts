import 'server-only';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { appendAudit } from '@/lib/audit/append-audit';
import { actorAudit } from '@/lib/audit/audit-actor';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db, Prisma } from '@/lib/db';
import { AppError, InputError } from '@/lib/errors';
import { ZSetRetentionLock, type TSetRetentionLock } from './retention-lock-schema';

export type TSetRetentionLockResult = { applied: true; days: number } | { applied: false; changeId: string; fromDays: number; toDays: number };

/**
 * A platform admin sets a tenant's compliance lock (minimum retention, days). Raising it applies
 * at once. Lowering it only files a proposal: another person with `locks.approve` must approve it
 * (decide-retention-lock-change.ts); one proposal per tenant at a time. Tenant admins hold no
 * platform permission and are refused before anything is read (the boundary audits the denial).
 */
export async function setRetentionLock(args: { actor: TActor; input: TSetRetentionLock; origin?: string | null }): Promise<TSetRetentionLockResult> {
  assertCan(args.actor, 'tenants.manage');
  const parsed = ZSetRetentionLock.safeParse(args.input);
  if (!parsed.success) throw new InputError(parsed.error.issues);
  const { tenantId, days, reason } = parsed.data;
  return db.$transaction(async (tx) => {
    const [tenant] = await tx.$queryRaw<{ id: string; retention_lock_days: number }[]>`
      SELECT id, retention_lock_days FROM tenants WHERE id = ${tenantId} FOR UPDATE`;
    if (!tenant) throw new AppError('NOT_FOUND', 'No such tenant.');
    const from = tenant.retention_lock_days;
    if (days === from) throw new AppError('CONFLICT', `The lock is already ${from} days.`);
    if (days > from) {
      await tx.tenant.update({ where: { id: tenantId }, data: { retentionLockDays: days } });
      await appendAudit(
        tx,
        actorAudit(args.actor, {
          action: AUDIT_ACTIONS.lockRaised,
          tenantId,
          targetType: 'tenant',
          targetId: tenantId,
          metadata: { fromDays: from, toDays: days, reason },
          origin: args.origin ?? null,
        }),
      );
      return { applied: true, days };
    }
    const change = await tx.retentionLockChange
      .create({ data: { tenantId, fromDays: from, toDays: days, reason, proposedById: args.actor.userId } })
      .catch((e: unknown) => {
        if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')
          throw new AppError('CONFLICT', 'A lowering of this lock is already waiting for approval.');
        throw e;
      });
    await appendAudit(
      tx,
      actorAudit(args.actor, {
        action: AUDIT_ACTIONS.lockLowerProposed,
        tenantId,
        targetType: 'retention_lock_change',
        targetId: change.id,
        metadata: { fromDays: from, toDays: days, reason },
        origin: args.origin ?? null,
      }),
    );
    return { applied: false, changeId: change.id, fromDays: from, toDays: days };
  });
}
