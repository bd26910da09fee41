import 'server-only';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { appendAudit } from '@/lib/audit/append-audit';
import { actorAudit } from '@/lib/audit/audit-actor';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { AppError, InputError } from '@/lib/errors';
import { ZLegalHold, type TLegalHold } from './retention-lock-schema';

/**
 * A platform admin places a legal hold on one completed, not expired snapshot, with a reason:
 * retention never expires it and GC never deletes its objects while held. Audited with the reason.
 */
export async function placeLegalHold(args: { actor: TActor; input: TLegalHold; origin?: string | null; now?: Date }) {
  assertCan(args.actor, 'tenants.manage');
  const parsed = ZLegalHold.safeParse(args.input);
  if (!parsed.success) throw new InputError(parsed.error.issues);
  const { snapshotId, reason } = parsed.data;
  const now = args.now ?? new Date();
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM snapshots WHERE id = ${snapshotId} FOR UPDATE`;
    if (!row) throw new AppError('NOT_FOUND', 'No such snapshot.');
    const s = await tx.snapshot.findUniqueOrThrow({
      where: { id: snapshotId },
      select: { tenantId: true, seq: true, status: true, expiredAt: true, holdReason: true },
    });
    if (s.expiredAt) throw new AppError('CONFLICT', `Snapshot #${s.seq} has already expired; its data may be gone.`);
    if (s.status !== 'COMPLETED') throw new AppError('CONFLICT', `Snapshot #${s.seq} is ${s.status.toLowerCase()}; only completed snapshots can be held.`);
    if (s.holdReason) throw new AppError('CONFLICT', `Snapshot #${s.seq} is already held (${s.holdReason}).`);
    await tx.snapshot.update({ where: { id: snapshotId }, data: { holdReason: reason, heldAt: now, heldById: args.actor.userId } });
    await appendAudit(
      tx,
      actorAudit(args.actor, {
        action: AUDIT_ACTIONS.holdPlaced,
        tenantId: s.tenantId,
        targetType: 'snapshot',
        targetId: snapshotId,
        metadata: { seq: s.seq, reason },
        origin: args.origin ?? null,
      }),
    );
    return { snapshotId, seq: s.seq, heldAt: now.toISOString() };
  });
}
