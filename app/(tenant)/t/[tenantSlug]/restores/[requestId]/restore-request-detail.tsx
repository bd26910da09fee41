'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { restoreRequestQuery } from '@/components/portal/tenant-queries';
import { cancelRestoreRequestAction } from '@/app/(tenant)/t/[tenantSlug]/restores/actions';
import { UndoPanel } from '@/app/(tenant)/t/[tenantSlug]/restores/[requestId]/undo-panel';
import { RestoreStatusBadge, RiskBadge } from '@/components/restore-status-badge';
import { describePhase, formatBytes, formatCount, formatDateTime } from '@/lib/format';
import type { TTenantRequestDetail } from '@/lib/requests/get-tenant-restore-request';
import { Card } from '@/components/ui/card';
import { buttonClass, ErrorNotice, LoadingRows } from '@/components/ui/query-states';
import { Bar } from '@/components/portal/dry-run-progress';
import { RequestTimeline } from '@/components/portal/request-timeline';

/** The request's page body: timeline, live progress while it runs, cancel / undo, decisions and history. */
export function RestoreRequestDetail({ slug, requestId }: { slug: string; requestId: string }) {
  const { data: r, error, isPending, refetch } = useQuery(restoreRequestQuery(slug, requestId));
  if (isPending)
    return (
      <Card title="Status">
        <LoadingRows rows={4} label="Loading the restore request" />
      </Card>
    );
  if (error)
    return (
      <Card title="Status">
        <ErrorNotice title="Could not load the restore request" error={error} onRetry={() => void refetch()} />
      </Card>
    );
  return (
    <div className="space-y-6">
      <Card
        title="Status"
        action={
          <span className="flex items-center gap-2" data-testid="request-status" data-status={r.status}>
            <RiskBadge risk={r.risk} />
            <RestoreStatusBadge status={r.status} />
          </span>
        }
      >
        <RequestTimeline steps={r.steps} />
        {r.statusReason ? <p className="mt-4 rounded-md bg-slate-50 p-3 text-sm text-slate-700">{r.statusReason}</p> : null}
      </Card>
      <UndoProgressCard r={r} />
      <ProgressCard r={r} />
      <UndoPanel slug={slug} r={r} />
      <RequestActions slug={slug} r={r} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Request">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-500">Reason</dt>
            <dd className="text-slate-800">{r.reason}</dd>
            <dt className="text-slate-500">Requested by</dt>
            <dd className="text-slate-800">
              {r.requesterName} · {formatDateTime(r.submittedAt ?? r.createdAt)}
            </dd>
            <dt className="text-slate-500">Approvals</dt>
            <dd className="text-slate-800">needs {r.requiredApprovals}</dd>
            {r.dryRunCounts ? (
              <>
                <dt className="text-slate-500">Dry-run</dt>
                <dd className="text-slate-800" data-testid="request-dry-run-counts">
                  {formatCount(r.dryRunCounts.insert)} to insert · {formatCount(r.dryRunCounts.update)} to update · {formatCount(r.dryRunCounts.delete)} to
                  delete
                </dd>
              </>
            ) : null}
          </dl>
          {r.decisions.length > 0 ? (
            <ul className="mt-4 divide-y divide-slate-100 border-t border-slate-100 text-sm" aria-label="Decisions">
              {r.decisions.map((d, i) => (
                <li key={i} className="py-2">
                  <span className={d.decision === 'APPROVE' ? 'font-medium text-emerald-700' : 'font-medium text-red-700'}>
                    {d.decision === 'APPROVE' ? 'Approved' : 'Rejected'}
                  </span>{' '}
                  by {d.approverName} · {formatDateTime(d.at)}
                  <p className="text-slate-600">{d.reason}</p>
                </li>
              ))}
            </ul>
          ) : null}
        </Card>
        <Card title="History">
          {r.events.length === 0 ? (
            <p className="text-sm text-slate-500">No recorded events yet.</p>
          ) : (
            <ol className="space-y-2 text-sm" aria-label="Request history">
              {r.events.map((e, i) => (
                <li key={i} className="flex flex-wrap justify-between gap-x-3">
                  <span className="font-mono text-xs text-slate-700">{e.action}</span>
                  <span className="text-xs text-slate-500">
                    {e.actor ?? 'system'} · <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                  </span>
                </li>
              ))}
            </ol>
          )}
        </Card>
      </div>
    </div>
  );
}

function ProgressCard({ r }: { r: TTenantRequestDetail }) {
  const job = r.job;
  const p = job?.progress;
  if (!job || (!p && job.status !== 'RUNNING' && job.status !== 'QUEUED')) return null;
  const live = r.status === 'RUNNING' || r.status === 'QUEUED' || r.status === 'APPROVED';
  const title = live
    ? 'Progress'
    : r.status === 'VERIFIED' || r.status === 'UNDOING' || r.status === 'UNDONE'
      ? 'Restore written and verified'
      : 'Last progress';
  return (
    <Card title={title}>
      <div className="space-y-4" data-testid="restore-progress" aria-live="polite">
        {live ? (
          <p className="flex items-center gap-2 text-sm text-slate-700">
            <span className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-brand-500 border-t-transparent" aria-hidden />
            {job.status === 'QUEUED' ? 'Queued: waiting for a worker…' : `Running${p?.phase ? `: ${describePhase(p.phase)}` : ''}…`}
          </p>
        ) : r.status === 'VERIFIED' ? (
          <p className="text-sm font-medium text-emerald-700" role="status">
            Verified: the documents match the snapshot.
          </p>
        ) : null}
        {!live && r.dryRunCounts && (r.status === 'VERIFIED' || r.status === 'UNDOING' || r.status === 'UNDONE') ? (
          <p className="text-sm text-slate-700" data-testid="restore-written">
            Written: {formatCount(r.dryRunCounts.insert)} inserted · {formatCount(r.dryRunCounts.update)} updated · {formatCount(r.dryRunCounts.delete)} deleted
            (as the approved dry-run planned; {formatCount(r.dryRunCounts.unchanged)} already matched)
          </p>
        ) : null}
        {p ? <ProgressBars p={p} live={live} testId="restore-progress-numbers" /> : null}
        {job.error ? (
          <p role="alert" className="text-sm text-red-700">
            {job.error}
          </p>
        ) : null}
      </div>
    </Card>
  );
}

/** The undo (an UNDO job run by the worker): live progress like the restore's, then its outcome. */
function UndoProgressCard({ r }: { r: TTenantRequestDetail }) {
  const job = r.undoJob;
  if (!job) return null;
  const p = job.progress;
  const live = r.status === 'UNDOING';
  const failed = !live && r.status !== 'UNDONE' && job.status !== 'SUCCEEDED';
  return (
    <Card title={live ? 'Undo progress' : r.status === 'UNDONE' ? 'Restore undone' : 'Last undo'}>
      <div className="space-y-4" data-testid="undo-progress" data-job-status={job.status} aria-live="polite">
        {live ? (
          <p className="flex items-center gap-2 text-sm text-slate-700">
            <span className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-brand-500 border-t-transparent" aria-hidden />
            {job.status === 'QUEUED' ? 'Undo queued: waiting for a worker…' : `Undoing${p?.phase ? `: ${describePhase(p.phase)}` : ''}…`}
          </p>
        ) : r.status === 'UNDONE' ? (
          <p className="text-sm font-medium text-emerald-700" role="status">
            Undone: the documents are as they were before the restore.
          </p>
        ) : failed ? (
          <p role="alert" className="text-sm text-red-700">
            The undo did not complete{job.error ? `: ${job.error}` : '.'} The restore stays in place.
          </p>
        ) : null}
        {p ? <ProgressBars p={p} live={live} testId="undo-progress-numbers" /> : null}
      </div>
    </Card>
  );
}

/** A bar for all collections and one per collection, with documents, bytes and (while live) the ETA. */
function ProgressBars({ p, live, testId }: { p: NonNullable<NonNullable<TTenantRequestDetail['job']>['progress']>; live: boolean; testId: string }) {
  return (
    <div className="space-y-3">
      <Bar value={p.documents ?? 0} total={p.totalDocuments} label="All collections" />
      {(p.collections ?? []).map((c) => (
        <Bar key={c.name} value={c.documents ?? 0} total={c.totalDocuments} label={c.name} />
      ))}
      <p className="text-xs text-slate-500" data-testid={testId}>
        {p.totalDocuments === 0 && !p.documents ? (
          'no documents to write'
        ) : (
          <>
            {formatCount(p.documents ?? 0)}
            {p.totalDocuments !== undefined ? ` of ${formatCount(p.totalDocuments)}` : ''} documents
          </>
        )}
        {p.bytes !== undefined && (p.bytes > 0 || p.totalBytes) ? ` · ${formatBytes(p.bytes)}${p.totalBytes ? ` of ${formatBytes(p.totalBytes)}` : ''}` : ''}
        {live && p.etaSeconds !== undefined ? ` · about ${Math.ceil(p.etaSeconds)} s left` : ''}
      </p>
    </div>
  );
}

function RequestActions({ slug, r }: { slug: string; r: TTenantRequestDetail }) {
  const qc = useQueryClient();
  const router = useRouter();
  const cancel = useMutation({
    mutationFn: async () => {
      const res = await cancelRestoreRequestAction({ tenantSlug: slug, requestId: r.id });
      if (!res.ok) throw new Error(res.message);
      return res.data;
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: restoreRequestQuery(slug, r.id).queryKey });
      router.refresh();
    },
  });
  if (!r.canCancel) return null;
  return (
    <Card title="Actions">
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className={buttonClass.secondary} disabled={cancel.isPending} onClick={() => cancel.mutate()}>
          {cancel.isPending ? 'Cancelling…' : 'Cancel request'}
        </button>
        {cancel.error ? (
          <p role="alert" className="text-sm text-red-700">
            {cancel.error.message}
          </p>
        ) : null}
      </div>
    </Card>
  );
}
