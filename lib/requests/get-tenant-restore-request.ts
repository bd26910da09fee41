import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { toJobProgress, type TJobProgress } from '@/lib/restores/get-tenant-job';
import type { TDryRunSummary } from '@/lib/restores/summarize-dry-run';
import type { TUndoPreviewJobResult } from '@/lib/restores/run-undo-preview';
import { getTenantForActorOrThrow } from '@/lib/tenants/get-tenant-for-actor';
import { loadTenantApprovalPolicy } from './approval-policy';
import { undoApprovalsRequired } from './load-undo-approval-state';
import { buildRequestTimeline, type TTimelineEvent, type TTimelineStep } from './request-timeline';
import { parseInput, ZRequestId } from './schemas';

export type TRequestJob = {
  id: string;
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  progress: TJobProgress | null;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  heartbeatAt: string | null;
  conditions: { at: string; type: string; message?: string }[];
};

const JOB_SELECT = {
  id: true,
  tenantId: true,
  status: true,
  progress: true,
  error: true,
  conditions: true,
  startedAt: true,
  finishedAt: true,
  heartbeatAt: true,
} as const;

export type TTenantRequestDetail = {
  id: string;
  tenant: { slug: string; name: string };
  status: string;
  statusReason: string | null;
  reason: string;
  risk: 'LOW' | 'HIGH' | null;
  requiredApprovals: number;
  requesterName: string;
  createdAt: string;
  submittedAt: string | null;
  finishedAt: string | null;
  dryRunCounts: TDryRunSummary['counts'] | null;
  decisions: { approverName: string; decision: 'APPROVE' | 'REJECT'; reason: string; at: string }[];
  /** requested → approved → running → verified / failed / undone, with times */
  steps: TTimelineStep[];
  /** the audited history of the request, oldest first */
  events: TTimelineEvent[];
  /** the RESTORE job (execution) */
  job: TRequestJob | null;
  /** the request's latest UNDO job (queued by undo, run by the worker), with its live progress */
  undoJob: TRequestJob | null;
  /** the latest undo preview (UNDO_PREVIEW job): progress, then per collection what undo would overwrite */
  undoPreview: (TRequestJob & { result: Pick<TUndoPreviewJobResult, 'collections' | 'changed' | 'storedCapped'> | null }) | null;
  /** approvals an undo needs under the tenant's policy now (0: one step) */
  undoNeedsApprovals: number;
  /** the undo asked for (bound to a preview), its decisions; null before any */
  undo: {
    previewJobId: string | null;
    requiredApprovals: number;
    reason: string | null;
    decisions: { approverName: string; decision: 'APPROVE' | 'REJECT'; reason: string; at: string; revision: number }[];
    revision: number;
  } | null;
  /** what this actor may do now (the server actions check again) */
  canCancel: boolean;
  canUndo: boolean;
};

const CANCELLABLE = new Set(['DRAFT', 'PENDING_APPROVAL', 'QUEUED']);

/** One restore request of the actor's tenant, with its timeline and live job; another tenant's is NOT_FOUND. */
export async function getTenantRestoreRequest(args: { actor: TActor; slug: string; requestId: string }): Promise<TTenantRequestDetail> {
  const { actor } = args;
  const requestId = parseInput(ZRequestId, args.requestId);
  const tenant = await getTenantForActorOrThrow({ actor, slug: args.slug, permission: 'restores.read' });
  assertCan(actor, 'restores.read', tenant.id);
  const row = await db.restoreRequest.findFirst({
    where: { id: requestId, tenantId: tenant.id },
    select: {
      id: true,
      status: true,
      statusReason: true,
      reason: true,
      risk: true,
      requiredApprovals: true,
      dryRunSummary: true,
      createdAt: true,
      submittedAt: true,
      finishedAt: true,
      undoPreviewJobId: true,
      undoRequiredApprovals: true,
      undoReason: true,
      undoRevision: true,
      undoApprovals: {
        orderBy: { createdAt: 'asc' },
        select: { decision: true, reason: true, createdAt: true, revision: true, approver: { select: { name: true } } },
      },
      requestedBy: { select: { name: true } },
      approvals: { orderBy: { createdAt: 'asc' }, select: { decision: true, reason: true, createdAt: true, approver: { select: { name: true } } } },
      job: { select: JOB_SELECT },
    },
  });
  if (!row) throw new AppError('NOT_FOUND', 'No such restore request.');
  const audit = await db.auditEvent.findMany({
    where: { tenantId: tenant.id, targetType: 'restore_request', targetId: requestId, outcome: 'ALLOWED' },
    orderBy: { id: 'asc' },
    take: 100,
    select: { at: true, action: true, actorEmail: true, metadata: true },
  });
  const job = row.job && row.job.tenantId === tenant.id ? row.job : null;
  const undoJob = await db.job.findFirst({
    where: { tenantId: tenant.id, type: 'UNDO', payload: { path: ['requestId'], equals: requestId } },
    orderBy: { createdAt: 'desc' },
    select: JOB_SELECT,
  });
  const previewJob = await db.job.findFirst({
    where: { tenantId: tenant.id, type: 'UNDO_PREVIEW', payload: { path: ['requestId'], equals: requestId } },
    orderBy: { createdAt: 'desc' },
    select: { ...JOB_SELECT, result: true },
  });
  const previewResult = previewJob?.status === 'SUCCEEDED' ? (previewJob.result as TUndoPreviewJobResult | null) : null;
  const undoNeedsApprovals = undoApprovalsRequired(row, await loadTenantApprovalPolicy(db, tenant.id));
  const events = audit.map((a) => ({ at: a.at.toISOString(), action: a.action, actor: a.actorEmail, metadata: (a.metadata ?? {}) as Record<string, unknown> }));
  const isAdmin = tenant.role === 'TENANT_ADMIN' && !actor.impersonation;
  const summary = (row.dryRunSummary ?? null) as TDryRunSummary | null;
  return {
    id: row.id,
    tenant: { slug: tenant.slug, name: tenant.name },
    status: row.status,
    statusReason: row.statusReason,
    reason: row.reason,
    risk: row.risk,
    requiredApprovals: row.requiredApprovals,
    requesterName: row.requestedBy.name,
    createdAt: row.createdAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    dryRunCounts: summary?.counts ?? null,
    decisions: row.approvals.map((a) => ({ approverName: a.approver.name, decision: a.decision, reason: a.reason, at: a.createdAt.toISOString() })),
    steps: buildRequestTimeline({
      status: row.status,
      createdAt: row.createdAt,
      submittedAt: row.submittedAt,
      finishedAt: row.finishedAt,
      jobStartedAt: job?.startedAt ?? null,
      events,
    }),
    events,
    job: job ? toRequestJob(job) : null,
    undoJob: undoJob ? toRequestJob(undoJob) : null,
    undoPreview: previewJob
      ? {
          ...toRequestJob(previewJob),
          result: previewResult ? { collections: previewResult.collections, changed: previewResult.changed, storedCapped: previewResult.storedCapped } : null,
        }
      : null,
    undoNeedsApprovals,
    undo:
      row.undoRevision > 0
        ? {
            previewJobId: row.undoPreviewJobId,
            requiredApprovals: row.undoRequiredApprovals,
            reason: row.undoReason,
            revision: row.undoRevision,
            decisions: row.undoApprovals.map((a) => ({
              approverName: a.approver.name,
              decision: a.decision,
              reason: a.reason,
              at: a.createdAt.toISOString(),
              revision: a.revision,
            })),
          }
        : null,
    canCancel: isAdmin && CANCELLABLE.has(row.status),
    canUndo: isAdmin && row.status === 'VERIFIED',
  };
}

function toRequestJob(job: {
  id: string;
  status: TRequestJob['status'];
  progress: unknown;
  error: string | null;
  conditions: unknown;
  startedAt: Date | null;
  finishedAt: Date | null;
  heartbeatAt: Date | null;
}): TRequestJob {
  return {
    id: job.id,
    status: job.status,
    progress: toJobProgress(job.progress),
    error: job.error,
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    heartbeatAt: job.heartbeatAt?.toISOString() ?? null,
    conditions: Array.isArray(job.conditions) ? (job.conditions as TRequestJob['conditions']) : [],
  };
}
