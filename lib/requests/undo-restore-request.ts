import 'server-only';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { appendAudit } from '@/lib/audit/append-audit';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db, type Prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import type { TUndoPreviewJobResult } from '@/lib/restores/run-undo-preview';
import { loadTenantApprovalPolicy } from './approval-policy';
import { assertTenantMayAct } from './assert-tenant-may-act';
import { lockRestoreRequest } from './load-approval-state';
import { undoApprovalsRequired } from './load-undo-approval-state';
import { actorAudit } from './request-audit';
import { parseInput, ZRequestId, ZRequestReason } from './schemas';

export type TUndoRequestResult =
  { status: 'UNDOING'; undoJobId: string; requiredApprovals: 0 } | { status: 'UNDO_PENDING_APPROVAL'; undoJobId: null; requiredApprovals: number };

/**
 * A tenant admin asks to undo a VERIFIED request of their tenant, bound to a finished undo
 * preview of it (previewRestoreRequestUndo): the preview's fingerprint of the live documents is
 * stored on the request and the UNDO job refuses to write if the live data no longer has it.
 * Where the restore needed approvals the undo needs them too (the tenant's policy for the
 * restore's risk): the request waits in UNDO_PENDING_APPROVAL for other persons' decisions
 * (decideRestoreUndo). Otherwise, in one transaction, the request becomes UNDOING and an UNDO
 * job {requestId} is queued. Nothing is written to tenant data here. Another tenant's request
 * or preview is "not found"; an unfinished, failed or outdated preview is refused (CONFLICT).
 */
export async function undoRestoreRequest(args: {
  actor: TActor;
  tenantId: string;
  requestId: string;
  previewJobId: string;
  reason?: string;
  origin?: string | null;
  /** documents per undo batch (tests, operators); the engine's default otherwise */
  batchSize?: number;
}): Promise<TUndoRequestResult> {
  const { actor, tenantId } = args;
  const requestId = parseInput(ZRequestId, args.requestId);
  const previewJobId = parseInput(ZRequestId, args.previewJobId);
  const reason = args.reason === undefined || args.reason === '' ? null : parseInput(ZRequestReason, args.reason);
  assertCan(actor, 'restores.undo', tenantId);
  assertTenantMayAct(actor);
  return db.$transaction(async (tx) => {
    await lockRestoreRequest(tx, requestId);
    const request = await tx.restoreRequest.findFirst({
      where: { id: requestId, tenantId },
      select: { status: true, jobId: true, requiredApprovals: true, risk: true, undoRevision: true },
    });
    if (!request) throw new AppError('NOT_FOUND', 'No such restore request.');
    if (request.status === 'UNDOING') throw new AppError('CONFLICT', 'This restore is already being undone.');
    if (request.status === 'UNDO_PENDING_APPROVAL') throw new AppError('CONFLICT', 'An undo of this restore is already waiting for approval.');
    if (request.status !== 'VERIFIED' || !request.jobId)
      throw new AppError('CONFLICT', `Only a verified restore can be undone; this one is ${request.status.toLowerCase().replaceAll('_', ' ')}.`);
    const preview = await loadCurrentPreview(tx, tenantId, requestId, previewJobId);

    const required = undoApprovalsRequired(request, await loadTenantApprovalPolicy(tx, tenantId));
    const bound = {
      undoRequestedById: actor.userId,
      undoPreviewJobId: previewJobId,
      undoFingerprint: preview.fingerprint,
      undoPreview: JSON.parse(JSON.stringify(previewSummary(previewJobId, preview))) as Prisma.InputJsonValue,
      undoRequiredApprovals: required,
      undoRevision: request.undoRevision + 1,
      undoReason: reason,
      undoBatchSize: args.batchSize ?? null,
      statusReason: null,
    };
    const audit = { ...actorAudit(actor, args.origin), tenantId, targetType: 'restore_request', targetId: requestId };
    const shown = { previewJobId, fingerprint: preview.fingerprint, changed: preview.changed, revision: bound.undoRevision };
    if (required > 0) {
      await tx.restoreRequest.update({ where: { id: requestId }, data: { ...bound, status: 'UNDO_PENDING_APPROVAL' } });
      await appendAudit(tx, { ...audit, action: AUDIT_ACTIONS.restoreRequestUndoSubmitted, metadata: { ...shown, required, reason } });
      return { status: 'UNDO_PENDING_APPROVAL' as const, undoJobId: null, requiredApprovals: required };
    }
    const payload = { requestId, ...(args.batchSize ? { batchSize: args.batchSize } : {}) };
    const job = await enqueueJob(tx, { tenantId, type: 'UNDO', payload, createdById: actor.userId, message: `undo of restore request ${requestId}` });
    await tx.restoreRequest.update({ where: { id: requestId }, data: { ...bound, status: 'UNDOING' } });
    await appendAudit(tx, { ...audit, action: AUDIT_ACTIONS.restoreRequestUndoQueued, metadata: { ...shown, undoJobId: job.id, restoreJobId: request.jobId } });
    return { status: 'UNDOING' as const, undoJobId: job.id, requiredApprovals: 0 as const };
  });
}

/** What the approvers are shown: counts per collection and the examples of the preview. */
export type TUndoPreviewSummary = Pick<TUndoPreviewJobResult, 'collections' | 'changed' | 'examples' | 'storedCapped'> & { previewJobId: string };

function previewSummary(previewJobId: string, p: TUndoPreviewJobResult): TUndoPreviewSummary {
  return { previewJobId, collections: p.collections, changed: p.changed, examples: p.examples, storedCapped: p.storedCapped };
}

/** The tenant's finished UNDO_PREVIEW of this request, and still the latest word on the live data. */
async function loadCurrentPreview(tx: Prisma.TransactionClient, tenantId: string, requestId: string, previewJobId: string): Promise<TUndoPreviewJobResult> {
  const job = await tx.job.findFirst({
    where: { tenantId, id: previewJobId, type: 'UNDO_PREVIEW' },
    select: { status: true, payload: true, result: true, finishedAt: true, createdAt: true },
  });
  if (!job) throw new AppError('NOT_FOUND', 'No such undo preview.');
  if ((job.payload as { requestId?: unknown } | null)?.requestId !== requestId)
    throw new AppError('INVALID_INPUT', 'That preview is of another restore request.');
  if (job.status !== 'SUCCEEDED' || !job.finishedAt)
    throw new AppError('CONFLICT', `The undo preview is ${job.status.toLowerCase()}; confirm the undo once it has succeeded.`);
  const result = job.result as TUndoPreviewJobResult | null;
  if (!result?.fingerprint) throw new AppError('CONFLICT', 'The undo preview has no result; preview the undo again.');
  const [writerSince, newer] = await Promise.all([
    tx.job.count({ where: { tenantId, type: { in: ['RESTORE', 'UNDO'] }, status: 'SUCCEEDED', finishedAt: { gt: job.finishedAt } } }),
    tx.job.count({
      where: { tenantId, type: 'UNDO_PREVIEW', status: 'SUCCEEDED', createdAt: { gt: job.createdAt }, payload: { path: ['requestId'], equals: requestId } },
    }),
  ]);
  if (writerSince > 0) throw new AppError('CONFLICT', 'A restore or undo of this tenant finished after this preview; preview the undo again.');
  if (newer > 0) throw new AppError('CONFLICT', 'A newer undo preview of this restore exists; confirm from that one.');
  return result;
}
