import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import type { Prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { assertNotImpersonating } from './assert-not-impersonating';
import { personOf } from './evaluate-approvals';
import { loadApprovalState, lockRestoreRequest } from './load-approval-state';

/**
 * The checks every approver decision starts with, inside its transaction: the approver
 * permission, not while impersonating, the request exists (`tenantId` looked up before the
 * transaction), locked, not the requester's own, and still waiting for approval.
 */
export async function loadRequestForDecision(tx: Prisma.TransactionClient, actor: TActor, requestId: string, tenantId: string | null) {
  assertCan(actor, 'restores.approve');
  await assertNotImpersonating(tx, actor);
  if (!tenantId) throw new AppError('NOT_FOUND', 'No such restore request.');
  await lockRestoreRequest(tx, requestId);
  const { request } = await loadApprovalState(tx, requestId);
  await assertNotRequester(tx, actor, request);
  if (request.status !== 'PENDING_APPROVAL')
    throw new AppError('CONFLICT', `The request is ${request.status.toLowerCase().replace('_', ' ')}, not waiting for approval.`);
  return request;
}

/** The requester, or another account of the same person, never decides on the request. */
export async function assertNotRequester(
  tx: Prisma.TransactionClient,
  actor: TActor,
  request: { requestedById: string; requestedBy: { personId: string | null } },
): Promise<void> {
  if (actor.userId === request.requestedById) throw new AppError('FORBIDDEN', 'You cannot decide on your own restore request.');
  const me = await tx.user.findUnique({ where: { id: actor.userId }, select: { personId: true } });
  if (personOf(actor.userId, me?.personId ?? null) === personOf(request.requestedById, request.requestedBy.personId)) {
    throw new AppError('FORBIDDEN', 'You cannot decide on your own restore request (it was made from another account of yours).');
  }
}
