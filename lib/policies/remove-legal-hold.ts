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
 * A platform admin lifts a legal hold, with a reason; the audit keeps the hold's own reason and
 * when and by whom it was placed. Retention may expire the snapshot at its next pass.
 */
export async function removeLegalHold(args: { actor: TActor; input: TLegalHold; origin?: string | null }) {
  assertCan(args.actor, 'tenants.manage');
  const parsed = ZLegalHold.safeParse(args.input);
  if (!parsed.success) throw new InputError(parsed.error.issues);
  const { snapshotId, reason } = parsed.data;
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM snapshots WHERE id = ${snapshotId} FOR UPDATE`;
    if (!row) throw new AppError('NOT_FOUND', 'No such snapshot.');
    const s = await tx.snapshot.findUniqueOrThrow({
      where: { id: snapshotId },
      select: { tenantId: true, seq: true, holdReason: true, heldAt: true, heldById: true },
    });
    if (!s.holdReason) throw new AppError('CONFLICT', `Snapshot #${s.seq} is not held.`);
    await tx.snapshot.update({ where: { id: snapshotId }, data: { holdReason: null, heldAt: null, heldById: null } });
    await appendAudit(
      tx,
      actorAudit(args.actor, {
        action: AUDIT_ACTIONS.holdRemoved,
        tenantId: s.tenantId,
        targetType: 'snapshot',
        targetId: snapshotId,
        metadata: { seq: s.seq, reason, heldReason: s.holdReason, heldAt: s.heldAt?.toISOString() ?? null, heldById: s.heldById },
        origin: args.origin ?? null,
      }),
    );
    return { snapshotId, seq: s.seq };
  });
}
