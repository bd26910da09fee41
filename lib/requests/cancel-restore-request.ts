import 'server-only';
import { appendAudit } from '@/lib/audit/append-audit';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { cancelQueuedJob } from '@/lib/jobs/cancel-queued-job';
import { assertTenantMayAct } from './assert-tenant-may-act';
import { lockRestoreRequest } from './load-approval-state';
import { REQUEST_AUDIT } from '@/lib/audit/actions';
import { actorAudit } from './request-audit';
import { parseInput, ZRequestId } from './schemas';

const CANCELLABLE = ['DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'QUEUED'] as const;

/**
 * A tenant admin of the request's tenant cancels it before it runs: DRAFT, PENDING_APPROVAL or
 * QUEUED (its job is cancelled in the same transaction, only while still QUEUED — a job a
 * worker already started cannot be cancelled here). Another tenant's request is "not found".
 */
export async function cancelRestoreRequest(args: {
  actor: TActor;
  tenantId: string;
  requestId: string;
  reason?: string;
  origin?: string | null;
}): Promise<{ status: 'CANCELLED' }> {
  const { actor, tenantId } = args;
  const requestId = parseInput(ZRequestId, args.requestId);
  const reason = (args.reason ?? '').trim().slice(0, 2000) || 'cancelled by the tenant';
  return db.$transaction(async (tx) => {
    assertCan(actor, 'restores.request', tenantId);
    assertTenantMayAct(actor);
    await lockRestoreRequest(tx, requestId);
    const request = await tx.restoreRequest.findFirst({ where: { id: requestId, tenantId }, select: { status: true, jobId: true } });
    if (!request) throw new AppError('NOT_FOUND', 'No such restore request.');
    if (!(CANCELLABLE as readonly string[]).includes(request.status)) {
      throw new AppError('CONFLICT', `A ${request.status.toLowerCase().replace('_', ' ')} request cannot be cancelled.`);
    }
    const now = new Date();
    if (request.status === 'QUEUED' && request.jobId) {
      if (!(await cancelQueuedJob(tx, { tenantId, jobId: request.jobId, reason })))
        throw new AppError('CONFLICT', 'The restore has already started and cannot be cancelled.');
    }
    await tx.restoreRequest.update({ where: { id: requestId }, data: { status: 'CANCELLED', statusReason: reason, finishedAt: now } });
    await appendAudit(tx, {
      ...actorAudit(actor, args.origin),
      action: REQUEST_AUDIT.cancelled,
      tenantId,
      targetType: 'restore_request',
      targetId: requestId,
      metadata: { reason, jobId: request.jobId },
    });
    return { status: 'CANCELLED' as const };
  });
}
