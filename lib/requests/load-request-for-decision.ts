import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { assertCan, assertCanForTenant } from '@/lib/auth/assert-can';
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
  assertCanForTenant(actor, 'restores.approve', tenantId);
  await lockRestoreRequest(tx, requestId);
  const { request } = await loadApprovalState(tx, requestId);
  await assertNotRequester(tx, actor, request);
  if (request.status !== 'PENDING_APPROVAL')
    throw new AppError('CONFLICT', `The request is ${request.status.toLowerCase().replace('_', ' ')}, not waiting for approval.`);
  await assertNoStandingDecision(tx, actor, request);
  return request;
}

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * One decision per approver (person) per version of the plan: approving again, or rejecting after
 * approving, is refused with what stands — never silently accepted. An approval that expired, or
 * one given on an earlier revision of the plan, no longer stands (a fresh decision is needed).
 */
export async function assertNoStandingDecision(
  tx: Prisma.TransactionClient,
  actor: TActor,
  request: { id: string; revision: number; planHash: string | null },
): Promise<void> {
  const me = await tx.user.findUnique({ where: { id: actor.userId }, select: { personId: true } });
  const accounts = me?.personId ? (await tx.user.findMany({ where: { personId: me.personId }, select: { id: true } })).map((u) => u.id) : [];
  const standing = await tx.approval.findFirst({
    where: {
      requestId: request.id,
      approverId: { in: [actor.userId, ...accounts] },
      decision: 'APPROVE',
      revision: request.revision,
      planHash: request.planHash ?? '',
      expiresAt: { gt: new Date() },
    },
    orderBy: { createdAt: 'desc' },
    select: { approverId: true, createdAt: true, expiresAt: true },
  });
  if (!standing) return;
  const who = standing.approverId === actor.userId ? 'You' : 'Another account of yours';
  throw new AppError(
    'CONFLICT',
    `${who} already approved this request on ${when(standing.createdAt)}; the approval counts until ${when(standing.expiresAt)}. ` +
      'A decision is given once per version of the plan: another approver can still reject the request, and the requester can cancel it.',
  );
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
