import { AUDIT_ACTIONS, REQUEST_AUDIT } from '@/lib/audit/actions';

export type TTimelineEvent = { at: string; action: string; actor: string | null; metadata: Record<string, unknown> };
export type TTimelineStepState = 'done' | 'current' | 'pending' | 'failed' | 'cancelled';
export type TTimelineStep = {
  key: 'requested' | 'approved' | 'running' | 'outcome' | 'undone';
  label: string;
  at: string | null;
  state: TTimelineStepState;
  detail?: string;
};

const PAST_APPROVAL = new Set(['APPROVED', 'QUEUED', 'RUNNING', 'VERIFIED', 'FAILED', 'UNDO_PENDING_APPROVAL', 'UNDOING', 'UNDONE']);
const PAST_START = new Set(['RUNNING', 'VERIFIED', 'FAILED', 'UNDO_PENDING_APPROVAL', 'UNDOING', 'UNDONE']);

/**
 * The request's steps for the status timeline: requested → approved → running → verified /
 * failed (→ undoing → undone / undo failed), or where it stopped (rejected, cancelled). Times come from the audit rows
 * (the state changes are audited in the same transaction), falling back to the request's columns.
 */
export function buildRequestTimeline(r: {
  status: string;
  createdAt: Date;
  submittedAt: Date | null;
  finishedAt: Date | null;
  jobStartedAt: Date | null;
  events: TTimelineEvent[];
}): TTimelineStep[] {
  const last = (action: string) => [...r.events].reverse().find((e) => e.action === action) ?? null;
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const submitted = last(REQUEST_AUDIT.submitted);
  const queued = last(REQUEST_AUDIT.queued);
  const approved = last(REQUEST_AUDIT.approved);
  // Everyone who approved since the (last) submission, in order — not only the last approver.
  const submittedAt = submitted?.at ?? '';
  const approvers = [...new Set(r.events.filter((e) => e.action === REQUEST_AUDIT.approved && e.at >= submittedAt && e.actor).map((e) => e.actor!))];
  const approvedBy = approvers.length > 0 ? joinNames(approvers) : undefined;
  const started = last(REQUEST_AUDIT.started);
  const s = r.status;
  const steps: TTimelineStep[] = [
    { key: 'requested', label: 'Requested', at: submitted?.at ?? iso(r.submittedAt ?? r.createdAt), state: 'done', detail: submitted?.actor ?? undefined },
  ];

  if (s === 'REJECTED')
    steps.push({
      key: 'approved',
      label: 'Rejected',
      at: last(REQUEST_AUDIT.rejected)?.at ?? iso(r.finishedAt),
      state: 'failed',
      detail: last(REQUEST_AUDIT.rejected)?.actor ?? undefined,
    });
  else if (PAST_APPROVAL.has(s) || queued)
    steps.push({ key: 'approved', label: 'Approved', at: queued?.at ?? approved?.at ?? null, state: 'done', detail: approvedBy });
  else if (s === 'CANCELLED') steps.push({ key: 'approved', label: 'Approval', at: null, state: 'cancelled' });
  else steps.push({ key: 'approved', label: 'Awaiting approval', at: null, state: 'current' });

  if (PAST_START.has(s))
    steps.push({
      key: 'running',
      label: s === 'RUNNING' ? 'Running' : 'Ran',
      at: started?.at ?? iso(r.jobStartedAt),
      state: s === 'RUNNING' ? 'current' : 'done',
    });
  else if (s === 'APPROVED' || s === 'QUEUED') steps.push({ key: 'running', label: 'Waiting for a worker', at: null, state: 'current' });
  else steps.push({ key: 'running', label: 'Running', at: null, state: s === 'CANCELLED' || s === 'REJECTED' ? 'cancelled' : 'pending' });

  if (s === 'VERIFIED' || s === 'UNDO_PENDING_APPROVAL' || s === 'UNDOING' || s === 'UNDONE')
    steps.push({ key: 'outcome', label: 'Verified', at: last(REQUEST_AUDIT.verified)?.at ?? iso(r.finishedAt), state: 'done' });
  else if (s === 'FAILED') steps.push({ key: 'outcome', label: 'Failed', at: last(REQUEST_AUDIT.failed)?.at ?? iso(r.finishedAt), state: 'failed' });
  else if (s === 'CANCELLED')
    steps.push({
      key: 'outcome',
      label: 'Cancelled',
      at: last(REQUEST_AUDIT.cancelled)?.at ?? iso(r.finishedAt),
      state: 'cancelled',
      detail: last(REQUEST_AUDIT.cancelled)?.actor ?? undefined,
    });
  else steps.push({ key: 'outcome', label: 'Verified', at: null, state: s === 'REJECTED' ? 'cancelled' : 'pending' });

  // Undo runs as a job: requested (by the admin; approved by others where the policy asks) →
  // undoing → undone, or failed / rejected back to verified.
  const undoQueued = last(AUDIT_ACTIONS.restoreRequestUndoQueued);
  const undoFailed = last(AUDIT_ACTIONS.restoreRequestUndoFailed);
  const undoSubmitted = last(AUDIT_ACTIONS.restoreRequestUndoSubmitted);
  const undoRejected = last(AUDIT_ACTIONS.restoreRequestUndoRejected);
  const byWhom = undoSubmitted?.actor ?? undoQueued?.actor ?? last(REQUEST_AUDIT.undone)?.actor ?? undefined;
  if (s === 'UNDO_PENDING_APPROVAL')
    steps.push({ key: 'undone', label: 'Undo awaiting approval', at: undoSubmitted?.at ?? null, state: 'current', detail: byWhom });
  else if (s === 'UNDOING') steps.push({ key: 'undone', label: 'Undoing', at: undoQueued?.at ?? null, state: 'current', detail: byWhom });
  else if (s === 'UNDONE') steps.push({ key: 'undone', label: 'Undone', at: last(REQUEST_AUDIT.undone)?.at ?? null, state: 'done', detail: byWhom });
  else if (s === 'VERIFIED' && undoRejected && undoRejected.at >= (undoSubmitted?.at ?? '') && (!undoFailed || undoRejected.at >= undoFailed.at)) {
    const why = typeof undoRejected.metadata.reason === 'string' ? undoRejected.metadata.reason : undefined;
    steps.push({ key: 'undone', label: 'Undo rejected', at: undoRejected.at, state: 'failed', detail: why });
  } else if (s === 'VERIFIED' && undoFailed && (!undoQueued || undoFailed.at >= undoQueued.at)) {
    const why = typeof undoFailed.metadata.message === 'string' ? undoFailed.metadata.message : undefined;
    steps.push({ key: 'undone', label: 'Undo failed', at: undoFailed.at, state: 'failed', detail: why });
  }
  return steps;
}

function joinNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
