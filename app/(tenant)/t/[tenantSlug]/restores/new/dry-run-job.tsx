'use client';

import { useStepUp } from '@/app/_components/step-up-provider';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { tenantJobQuery } from '@/components/portal/tenant-queries';
import { submitRestoreRequestAction } from '@/app/(tenant)/t/[tenantSlug]/restores/actions';
import { formatCount } from '@/lib/format';
import type { TDryRunSummary } from '@/lib/restores/summarize-dry-run';
import { Card } from '@/components/ui/card';
import { ErrorNotice, inputClass, LoadingRows } from '@/components/ui/query-states';
import { DryRunChanges, DryRunSummaryBars } from '@/components/portal/dry-run-diff';
import { DryRunProgress } from '@/components/portal/dry-run-progress';
import type { TApprovalPolicy } from '@/lib/requests/approval-policy';
import { RiskPreview } from './risk-preview';

function StaleNotice() {
  return (
    <p role="alert" data-testid="dry-run-stale" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      The package was changed after this dry-run: the result below is for the previous package. Run the dry-run again to see what the changed package would do
      and to request it.
    </p>
  );
}

/** A queued dry-run, polled until it finishes; then its diff and the request step (not while `stale`: the form shows another package). */
export function DryRunJob({ slug, jobId, stale, approvals }: { slug: string; jobId: string; stale: boolean; approvals: TApprovalPolicy }) {
  const { data: job, error, isPending, refetch } = useQuery(tenantJobQuery(slug, jobId));
  const [reason, setReason] = useState('');
  const stepUp = useStepUp();
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState<{ id: string; risk: 'LOW' | 'HIGH'; requiredApprovals: number } | null>(null);
  async function submit() {
    setSubmitting(true);
    setSubmitError(null);
    try {
      const res = await stepUp(() =>
        submitRestoreRequestAction({
          tenantSlug: slug,
          reason,
          dryRunJobId: jobId,
          planHash: (job?.result as TDryRunSummary | undefined)?.planHash,
        }),
      );
      if (res.ok) setSubmitted(res.data);
      else setSubmitError(res.fieldErrors?.reason ?? res.message);
    } catch {
      setSubmitError('The request could not be submitted. Check your connection and try again.');
    } finally {
      setSubmitting(false);
    }
  }
  if (isPending)
    return (
      <Card title="2 · Dry-run">
        <LoadingRows rows={3} label="Loading the dry-run" />
      </Card>
    );
  if (error)
    return (
      <Card title="2 · Dry-run">
        <ErrorNotice title="Could not load the dry-run" error={error} onRetry={() => void refetch()} />
      </Card>
    );
  if (job.status === 'QUEUED' || job.status === 'RUNNING')
    return (
      <Card title="2 · Dry-run">
        <DryRunProgress job={job} />
      </Card>
    );
  if (job.status !== 'SUCCEEDED') {
    return (
      <Card title="2 · Dry-run">
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-700">
          <p className="font-medium">The dry-run {job.status === 'CANCELLED' ? 'was cancelled' : 'failed'}.</p>
          {job.error ? <p className="mt-1">{job.error}</p> : null}
          <p className="mt-1">Adjust the package and run it again.</p>
        </div>
      </Card>
    );
  }
  const summary = job.result as TDryRunSummary;
  const c = summary.counts;
  return (
    <>
      {stale ? <StaleNotice /> : null}
      <Card
        title="2 · Dry-run result"
        action={
          <span className="font-mono text-xs text-slate-400" title="Plan hash">
            {summary.planHash.slice(0, 12)}
          </span>
        }
      >
        <p className="mb-4 text-sm text-slate-700" data-testid="dry-run-totals">
          {formatCount(c.insert)} to insert · {formatCount(c.update)} to update · {formatCount(c.delete)} to delete · {formatCount(c.unchanged)} unchanged
          {c.conflict ? ` · ${formatCount(c.conflict)} conflicts` : ''}
          {c.conflictSkipped ? ` · ${formatCount(c.conflictSkipped)} skipped` : ''}
        </p>
        <DryRunSummaryBars summary={summary} />
      </Card>
      <Card title="3 · Document changes">
        <DryRunChanges slug={slug} jobId={jobId} />
      </Card>
      <Card title="4 · Request the restore">
        {stale && !submitted ? (
          <p className="text-sm text-slate-600">Run the dry-run of the changed package first.</p>
        ) : (
          <div className="space-y-3">
            {job.package ? <RiskPreview summary={summary} targetMode={job.package.targetMode} approvals={approvals} /> : null}
            <label htmlFor="reason" className="text-sm font-medium text-slate-700">
              Reason (shown to the approvers)
            </label>
            <textarea
              id="reason"
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              className={inputClass}
              placeholder="Customer deleted 3 orders by mistake on Nov 21 (ticket #1234)"
            />
            <button
              type="button"
              onClick={submit}
              disabled={submitting || submitted !== null}
              className="inline-flex w-full items-center justify-center rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:bg-slate-300 disabled:text-slate-600"
              data-testid="submit-request"
            >
              {submitting ? 'Submitting…' : submitted ? 'Request submitted' : 'Submit restore request'}
            </button>
            {submitError && (
              <p role="alert" className="text-sm text-red-700">
                {submitError}
              </p>
            )}
            {submitted && (
              <p role="status" className="text-sm text-emerald-700">
                Request submitted ({submitted.risk === 'HIGH' ? 'high risk' : 'low risk'}, needs {submitted.requiredApprovals}{' '}
                {submitted.requiredApprovals === 1 ? 'approval' : 'approvals'}).{' '}
                <a className="font-medium underline" href={`/t/${slug}/restores/${submitted.id}`}>
                  Follow it
                </a>
              </p>
            )}
            <p className="text-xs text-slate-500">The request is bound to this dry-run&apos;s plan hash; approvers see the same diff.</p>
          </div>
        )}
      </Card>
    </>
  );
}
