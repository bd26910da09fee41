import type { Metadata } from 'next';
import { LockDecisionForm } from '@/app/(approver)/approvals/retention-locks/lock-decision-form';
import { PageHeader } from '@/components/page-header';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { forPage } from '@/lib/actions/for-page';
import { formatDateTime } from '@/lib/format';
import { listPendingLockChanges } from '@/lib/policies/list-pending-lock-changes';
import { requirePageActor } from '@/lib/session/guards';

export const metadata: Metadata = { title: 'Compliance lock lowerings' };

export default async function RetentionLockApprovalsPage() {
  const actor = await requirePageActor('/approvals/retention-locks');
  const pending = await forPage(listPendingLockChanges({ actor }));
  return (
    <>
      <PageHeader
        title="Compliance lock lowerings"
        description="A platform admin proposed to shorten a tenant's minimum retention. Approving applies it: snapshots younger than the old lock may then expire."
      />
      <Card title={`Waiting for a decision (${pending.length})`}>
        {pending.length === 0 ? (
          <EmptyState title="Nothing to decide">Proposed lowerings of a tenant&apos;s compliance lock appear here.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="pending-lock-changes">
            {pending.map((p) => (
              <li key={p.id} className="py-3">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <p>
                    <span className="font-medium text-slate-800">{p.tenantName}</span>: {p.fromDays} → {p.toDays} days
                  </p>
                  <Badge tone="amber">lowering</Badge>
                </div>
                <p className="mt-1 text-slate-600">Reason: {p.reason}</p>
                <p className="mt-1 text-xs text-slate-500">
                  proposed by {p.proposedBy}, {formatDateTime(p.proposedAt)}
                </p>
                {p.isOwn ? <p className="mt-2 text-xs text-slate-500">You proposed this; another person must decide.</p> : <LockDecisionForm changeId={p.id} />}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
