import type { Metadata } from 'next';
import { ElevationDecisionForm } from '@/app/(approver)/approvals/elevations/elevation-decision-form';
import { PageHeader } from '@/components/page-header';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { forPage } from '@/lib/actions/for-page';
import { requirePageActor } from '@/lib/session/guards';
import { formatDateTime } from '@/lib/format';
import { listPendingElevations } from '@/lib/impersonation/list-pending-elevations';

export const metadata: Metadata = { title: 'Impersonation elevations' };

export default async function ElevationsPage() {
  const actor = await requirePageActor('/approvals/elevations');
  const pending = await forPage(listPendingElevations({ actor }));
  return (
    <>
      <PageHeader
        title="Impersonation elevations"
        description="Support sessions are read-only. Approving lets that one session change the tenant's data until it ends (it is never extended)."
      />
      <Card title={`Waiting for a decision (${pending.length})`}>
        {pending.length === 0 ? (
          <EmptyState title="No elevation requests">When support asks to act for a tenant, the request appears here.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="pending-elevations">
            {pending.map((p) => (
              <li key={p.sessionId} className="py-3">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <p>
                    <span className="font-medium text-slate-800">{p.supportEmail}</span> as {p.targetEmail ?? 'unknown user'} in{' '}
                    <span className="font-medium">{p.tenantName}</span>
                  </p>
                  <Badge tone="amber">ticket {p.ticketRef}</Badge>
                </div>
                <p className="mt-1 text-slate-600">Wants to: {p.elevationReason}</p>
                <p className="mt-1 text-xs text-slate-500">
                  Session reason: {p.sessionReason} · asked {p.requestedAt ? formatDateTime(p.requestedAt) : '—'} · session ends {formatDateTime(p.expiresAt)}
                </p>
                {p.isOwn ? (
                  <p className="mt-2 text-xs text-slate-500">This is your own session; another approver must decide.</p>
                ) : (
                  <ElevationDecisionForm sessionId={p.sessionId} />
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
