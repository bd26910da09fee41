import 'server-only';
import { platformTenantScope, type TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { personOf } from './evaluate-approvals';
import type { TUndoPreviewSummary } from './undo-restore-request';

export type TUndoForReview = {
  requestId: string;
  tenantSlug: string;
  tenantName: string;
  restoreReason: string;
  undoReason: string | null;
  requesterName: string;
  requestedAt: string | null;
  requiredApprovals: number;
  /** approvals given on the current revision that have not expired (the DAL's evaluation decides at decision time) */
  approvals: number;
  /** what the undo preview showed: per collection what undo overwrites, and examples */
  preview: TUndoPreviewSummary | null;
  /** the actor asked for this undo (from this or another account): another approver must decide */
  isOwn: boolean;
};

/** Undos waiting for approval, in the approver's tenant scope, oldest first. */
export async function listUndoRequestsForReview(args: { actor: TActor }): Promise<TUndoForReview[]> {
  assertCan(args.actor, 'restores.review');
  const scope = platformTenantScope(args.actor, 'restores.review');
  const now = new Date();
  const rows = await db.restoreRequest.findMany({
    where: { status: 'UNDO_PENDING_APPROVAL', ...(scope === null ? {} : { tenantId: { in: scope } }) },
    orderBy: [{ updatedAt: 'asc' }, { id: 'asc' }],
    take: 100,
    select: {
      id: true,
      reason: true,
      undoReason: true,
      undoRequestedById: true,
      undoRequiredApprovals: true,
      undoRevision: true,
      undoPreview: true,
      updatedAt: true,
      tenant: { select: { slug: true, name: true } },
      undoApprovals: { where: { decision: 'APPROVE', expiresAt: { gt: now } }, select: { revision: true } },
    },
  });
  const requesterIds = [...new Set(rows.map((r) => r.undoRequestedById).filter((id): id is string => id !== null))];
  const [people, me] = await Promise.all([
    db.user.findMany({ where: { id: { in: requesterIds } }, select: { id: true, name: true, personId: true } }),
    db.user.findUnique({ where: { id: args.actor.userId }, select: { personId: true } }),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const mine = personOf(args.actor.userId, me?.personId ?? null);
  return rows.map((r) => {
    const requester = r.undoRequestedById ? byId.get(r.undoRequestedById) : undefined;
    return {
      requestId: r.id,
      tenantSlug: r.tenant.slug,
      tenantName: r.tenant.name,
      restoreReason: r.reason,
      undoReason: r.undoReason,
      requesterName: requester?.name ?? 'unknown',
      requestedAt: r.updatedAt.toISOString(),
      requiredApprovals: r.undoRequiredApprovals,
      approvals: r.undoApprovals.filter((a) => a.revision === r.undoRevision).length,
      preview: (r.undoPreview ?? null) as TUndoPreviewSummary | null,
      isOwn: requester ? personOf(requester.id, requester.personId) === mine : false,
    };
  });
}
