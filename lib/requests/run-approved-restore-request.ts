import 'server-only';
import { appendAudit } from '@/lib/audit/append-audit';
import { db, type Prisma, type RestoreStatus } from '@/lib/db';
import { isEngineError } from '@/lib/engine';
import { AppError } from '@/lib/errors';
import type { TJobOutcome, TJobRun } from '@/lib/jobs/run-as-job';
import { executeRestoreJob, type TRestoreRunResult } from '@/lib/restores/run-restore';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { policyOfRequest, requiredApprovalsFor } from './approval-policy';
import { assessRestoreRisk } from './assess-restore-risk';
import { loadApprovalState, lockRestoreRequest } from './load-approval-state';
import { REQUEST_AUDIT } from '@/lib/audit/actions';

export type TRunApprovedResult = {
  requestId: string;
  jobId: string;
  /** where the request ended up */
  status: RestoreStatus;
  message: string;
};

/** The executor acts for nobody in particular: audit rows name the worker. */
const SYSTEM = { actorUserId: null, actorEmail: 'system:restore-executor' } as const;

/**
 * What the worker calls for a RESTORE job (payload {requestId}) of an approved request. At
 * execution time it re-checks the approval policy (approvals unexpired, approvers still holding
 * the role, not the requester) and re-plans against the live data: a different plan hash or
 * target pre-state sends the request back to PENDING_APPROVAL (new revision, with the reason),
 * and nothing is written. Otherwise RUNNING → executed through the restore DAL on this very job
 * (restore id = request id) → VERIFIED or FAILED. A request found RUNNING on the same job
 * (a worker crashed) resumes from the journal. The work of the RESTORE {requestId} job (`run`,
 * lib/jobs): returns the job's outcome (a skipped or returned request: cancelled), never throws
 * for an outcome, only for a job that does not belong to the request.
 */
export async function runApprovedRestoreRequest(args: { requestId: string; run: TJobRun; ctx: TEngineContext }): Promise<TJobOutcome<TRestoreRunResult>> {
  let restore: TRestoreRunResult | undefined;
  const end = await runApproved(args, (r) => (restore = r));
  const ok = end.status === 'VERIFIED';
  const cancelled = end.status !== 'VERIFIED' && end.status !== 'FAILED';
  // The job keeps the restore's result (spec, plan hash, pre-state): undo re-plans from it.
  return { ok, cancelled, message: end.message, ...(restore ? { result: restore } : {}) };
}

async function runApproved(
  args: { requestId: string; run: TJobRun; ctx: TEngineContext },
  onRestore: (r: TRestoreRunResult) => void,
): Promise<TRunApprovedResult> {
  const { requestId, run } = args;
  const jobId = run.jobId;
  const gate = await db.$transaction(async (tx) => {
    await lockRestoreRequest(tx, requestId);
    const { request, evaluation } = await loadApprovalState(tx, requestId);
    const job = await tx.job.findFirst({ where: { id: jobId, tenantId: request.tenantId, type: 'RESTORE' }, select: { payload: true, status: true } });
    if (!job || (job.payload as { requestId?: unknown } | null)?.requestId !== requestId)
      throw new AppError('NOT_FOUND', `job ${jobId} is not a restore job of request ${requestId}`);
    const audit = { ...SYSTEM, tenantId: request.tenantId, targetType: 'restore_request', targetId: requestId };
    if (request.status === 'RUNNING' && request.jobId === jobId) return { kind: 'resume' as const, request };
    if (request.status !== 'QUEUED' || request.jobId !== jobId) {
      return { kind: 'skip' as const, status: request.status };
    }
    if (!evaluation.isMet) {
      const why = evaluation.ignored.map((i) => i.reason);
      const message = `approval policy no longer met at execution (${evaluation.counted.length} of ${evaluation.required} approvals count${why.length ? `: ${[...new Set(why)].join('; ')}` : ''})`;
      await tx.restoreRequest.update({ where: { id: requestId }, data: { status: 'PENDING_APPROVAL', statusReason: message, jobId: null } });
      await appendAudit(tx, { ...audit, action: REQUEST_AUDIT.returned, metadata: { jobId, reason: message } });
      return { kind: 'returned' as const, message };
    }
    await tx.restoreRequest.update({ where: { id: requestId }, data: { status: 'RUNNING', statusReason: null } });
    await appendAudit(tx, { ...audit, action: REQUEST_AUDIT.started, metadata: { jobId, approvers: evaluation.counted, planHash: request.planHash } });
    return { kind: 'run' as const, request };
  });

  if (gate.kind === 'skip') return { requestId, jobId, status: gate.status, message: `request is ${gate.status}; job cancelled` };
  if (gate.kind === 'returned') return { requestId, jobId, status: 'PENDING_APPROVAL', message: gate.message };

  const { request } = gate;
  const row = await db.restoreRequest.findUniqueOrThrow({ where: { id: requestId }, select: { spec: true, requestedById: true } });
  try {
    const restore = await executeRestoreJob({
      ctx: args.ctx,
      tenantId: request.tenantId,
      spec: row.spec,
      run,
      restoreId: requestId,
      // a resumed run has partly written already: the journal, not the pre-state, is its truth
      expected: gate.kind === 'run' ? { planHash: request.planHash!, preStateFingerprint: request.preStateFingerprint! } : undefined,
    });
    onRestore(restore.result);
    if (restore.result.outcome === 'stale') return await returnStale(request, jobId, restore.result);
    const message = restore.ok
      ? `restore verified`
      : restore.result.outcome === 'refused'
        ? 'refused: live documents conflict with the package (conflictPolicy fail); nothing was written'
        : 'restore written but not verified';
    return await finishRequest(request, jobId, restore.ok ? 'VERIFIED' : 'FAILED', message, {
      outcome: restore.result.outcome,
      counts: restore.result.execution?.counts ?? null,
    });
  } catch (e) {
    // Stopped from outside (worker shutdown, takeover): the request stays RUNNING on this job and
    // the next attempt resumes it from the restore journal.
    if (run.signal.aborted) throw e;
    if (isEngineError(e) && e.code === 'RESTORE_PLAN_STALE') return await returnStale(request, jobId, null);
    const message = e instanceof Error ? e.message : String(e);
    return await finishRequest(request, jobId, 'FAILED', message, { error: message });
  }
}

type TGateRequest = { id: string; tenantId: string; approvalPolicy: unknown; revision: number; planHash: string | null };

async function finishRequest(
  request: TGateRequest,
  jobId: string,
  status: 'VERIFIED' | 'FAILED',
  message: string,
  metadata: Record<string, unknown>,
): Promise<TRunApprovedResult> {
  return db.$transaction(async (tx) => {
    const moved = await tx.restoreRequest.updateMany({
      where: { id: request.id, status: 'RUNNING', jobId },
      data: { status, statusReason: status === 'FAILED' ? message : null, finishedAt: new Date() },
    });
    if (moved.count !== 1) return { requestId: request.id, jobId, status: 'RUNNING' as const, message: 'request was changed by someone else meanwhile' };
    await appendAudit(tx, {
      ...SYSTEM,
      tenantId: request.tenantId,
      targetType: 'restore_request',
      targetId: request.id,
      action: status === 'VERIFIED' ? REQUEST_AUDIT.verified : REQUEST_AUDIT.failed,
      metadata: { jobId, message, ...metadata },
    });
    return { requestId: request.id, jobId, status, message };
  });
}

/** The approved plan or pre-state is gone: back to approval with the plan as it is now (new revision). */
async function returnStale(request: TGateRequest, jobId: string, result: TRestoreRunResult | null): Promise<TRunApprovedResult> {
  const message = result
    ? `${result.planHash !== request.planHash ? 'the plan' : 'the target documents'} changed since approval; nothing was written; the new dry-run needs approval`
    : 'the target documents changed while the restore was starting; nothing was written; approve again';
  return db.$transaction(async (tx) => {
    const data: Prisma.RestoreRequestUncheckedUpdateManyInput = { status: 'PENDING_APPROVAL', statusReason: message, jobId: null, revision: { increment: 1 } };
    if (result) {
      const spec = result.spec as { target?: { mode?: string } };
      const assessment = assessRestoreRisk({
        targetMode: spec.target?.mode ?? 'in-place',
        counts: result.dryRun.counts,
        collections: result.dryRun.collections.length,
      });
      Object.assign(data, {
        planHash: result.planHash,
        preStateFingerprint: result.preStateFingerprint,
        dryRunSummary: result.dryRun as unknown as Prisma.InputJsonValue,
        risk: assessment.risk,
        riskReasons: assessment.reasons,
        requiredApprovals: requiredApprovalsFor(policyOfRequest(request.approvalPolicy), assessment.risk),
      });
    }
    const moved = await tx.restoreRequest.updateMany({ where: { id: request.id, status: 'RUNNING', jobId }, data });
    if (moved.count !== 1) return { requestId: request.id, jobId, status: 'RUNNING' as const, message: 'request was changed by someone else meanwhile' };
    await appendAudit(tx, {
      ...SYSTEM,
      tenantId: request.tenantId,
      targetType: 'restore_request',
      targetId: request.id,
      action: REQUEST_AUDIT.returned,
      metadata: { jobId, reason: message, planHash: result?.planHash ?? null },
    });
    return { requestId: request.id, jobId, status: 'PENDING_APPROVAL' as const, message };
  });
}
