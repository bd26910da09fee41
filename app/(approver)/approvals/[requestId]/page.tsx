import type { Metadata } from 'next';
import Link from 'next/link';
import { DecisionForm } from '@/app/(approver)/approvals/[requestId]/decision-form';
import { JsonDelta } from '@/components/json-delta';
import { PageHeader } from '@/components/page-header';
import { RestoreStatusBadge, RiskBadge } from '@/components/restore-status-badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { forPage } from '@/lib/actions/for-page';
import { requirePageActor } from '@/lib/session/guards';
import { formatCount, formatDateTime } from '@/lib/format';
import { describeRestoreSpec } from '@/lib/requests/describe-restore-spec';
import { getRestoreRequestForReview } from '@/lib/requests/get-restore-request-for-review';
import { Table } from '@/components/ui/table';

export const metadata: Metadata = { title: 'Review restore request' };

const COUNT_KEYS = ['insert', 'update', 'delete', 'unchanged', 'conflict', 'conflictSkipped'] as const;

export default async function ReviewPage({ params }: { params: Promise<{ requestId: string }> }) {
  const { requestId } = await params;
  const actor = await requirePageActor(`/approvals/${requestId}`);
  const r = await forPage(getRestoreRequestForReview({ actor, requestId }));
  const counting = r.decisions.filter((d) => d.counts).length;
  const blocked = r.isOwnRequest
    ? 'You requested this restore (from this or another account of yours), so you cannot approve or reject it.'
    : r.status !== 'PENDING_APPROVAL'
      ? `This request is ${r.status.toLowerCase().replace('_', ' ')}; it is not waiting for a decision.`
      : r.myStandingApproval
        ? `${r.myStandingApproval.byThisAccount ? 'You' : 'Another account of yours'} approved this request on ${formatDateTime(r.myStandingApproval.at)}; the approval counts until ${formatDateTime(r.myStandingApproval.expiresAt)}. Another approver can still reject it.`
        : null;
  const items = r.dryRun?.changes.items ?? [];

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/approvals" className="text-brand-700 hover:underline">
          ← Approvals
        </Link>
      </p>
      <PageHeader
        title={`Restore request for ${r.tenant.name}`}
        description={<span className="font-mono">{r.id}</span>}
        actions={
          <div className="flex gap-2">
            <RiskBadge risk={r.risk} />
            <RestoreStatusBadge status={r.status} />
          </div>
        }
      />
      {r.statusReason ? <p className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 ring-1 ring-amber-200">{r.statusReason}</p> : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card title="What it does">
            <p className="text-sm text-slate-800" data-testid="spec-in-words">
              {describeRestoreSpec(r.spec, r.dryRun)}
            </p>
            <dl className="mt-4 grid gap-2 text-sm sm:grid-cols-2">
              <div>
                <dt className="text-slate-500">Requested by</dt>
                <dd className="font-medium" data-testid="requester">
                  {r.requester.name} ({r.requester.email})
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Submitted</dt>
                <dd className="font-medium">{r.submittedAt ? formatDateTime(r.submittedAt) : '—'}</dd>
              </div>
              <div className="sm:col-span-2">
                <dt className="text-slate-500">Reason</dt>
                <dd className="font-medium">{r.reason}</dd>
              </div>
            </dl>
            <details className="mt-4">
              <summary className="cursor-pointer text-sm font-medium text-brand-700">Restore package (JSON)</summary>
              <pre className="mt-2 max-h-80 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">{JSON.stringify(r.spec, null, 2)}</pre>
            </details>
          </Card>
          <Card title="Dry-run">
            {!r.dryRun ? (
              <EmptyState title="No dry-run recorded" />
            ) : (
              <Table className="min-w-[36rem] text-left">
                <thead className="text-xs uppercase text-slate-500">
                  <tr>
                    <th className="py-2">Collection</th>
                    {COUNT_KEYS.map((k) => (
                      <th key={k} className="py-2 pl-3 text-right">
                        {k === 'conflictSkipped' ? 'skipped' : k}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {r.dryRun.collections.map((c) => (
                    <tr key={c.name} className="border-t border-slate-100">
                      <td className="py-2">
                        <span className="font-medium">{c.name}</span> <span className="text-xs text-slate-500">→ {c.target}</span>
                      </td>
                      {COUNT_KEYS.map((k) => (
                        <td key={k} className="py-2 pl-3 text-right tabular-nums">
                          {formatCount(c.counts[k])}
                        </td>
                      ))}
                    </tr>
                  ))}
                  <tr className="border-t-2 border-slate-200 font-semibold">
                    <td className="py-2">Total</td>
                    {COUNT_KEYS.map((k) => (
                      <td key={k} className="py-2 pl-3 text-right tabular-nums">
                        {formatCount(r.dryRun!.counts[k])}
                      </td>
                    ))}
                  </tr>
                </tbody>
              </Table>
            )}
          </Card>
          <Card title={`Sample document changes (${items.length} of ${r.dryRun?.changes.total ?? 0})`}>
            {items.length === 0 ? (
              <EmptyState title="No sample changes recorded" />
            ) : (
              <ul className="space-y-3">
                {items.map((c) => (
                  <li key={`${c.namespace}:${c.idKey}`} className="rounded-lg border border-slate-200 p-3">
                    <p className="mb-2 text-sm">
                      <span className="font-semibold uppercase text-slate-700">{c.action}</span>{' '}
                      <span className="font-mono text-xs">
                        {c.namespace} · {JSON.stringify(c.id)}
                      </span>
                    </p>
                    {c.diff ? (
                      <JsonDelta delta={c.diff} />
                    ) : c.document ? (
                      <pre className="max-h-48 overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(c.document, null, 2)}</pre>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
        <div className="min-w-0 space-y-6">
          <Card title="Risk">
            <p className="mb-2 text-sm">
              <RiskBadge risk={r.risk} /> needs <strong>{r.requiredApprovals}</strong> approver{r.requiredApprovals === 1 ? '' : 's'} (policy: low{' '}
              {r.policy.lowRisk}, high {r.policy.highRisk}; approvals last {r.policy.ttlHours} h)
            </p>
            <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700" data-testid="risk-reasons">
              {r.riskReasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </Card>
          <Card title={`Decisions (${counting} of ${r.requiredApprovals} count)`}>
            {r.decisions.length === 0 ? (
              <p className="text-sm text-slate-500">No decision yet.</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {r.decisions.map((d) => (
                  <li key={d.approverEmail} className="rounded-md bg-slate-50 p-2">
                    <p>
                      <span className="font-medium">{d.approverName}</span> {d.decision === 'APPROVE' ? 'approved' : 'rejected'} · {formatDateTime(d.at)}
                    </p>
                    <p className="text-slate-600">“{d.reason}”</p>
                    {d.decision === 'APPROVE' ? (
                      <p className={d.counts ? 'text-emerald-700' : 'text-amber-700'}>
                        {d.counts ? `counts until ${formatDateTime(d.expiresAt)}` : `does not count: ${d.whyNot}`}
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Your decision">
            <DecisionForm requestId={r.id} disabledReason={blocked} />
          </Card>
        </div>
      </div>
    </>
  );
}
