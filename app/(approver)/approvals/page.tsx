import type { Metadata } from 'next';
import { PageHeader } from '@/components/page-header';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { forPage, requirePageActor } from '@/lib/auth/guards';
import { formatDateTime } from '@/lib/format';
import { listPendingRestoreRequests } from '@/lib/restores/list-pending-restore-requests';

export const metadata: Metadata = { title: 'Approvals' };

export default async function ApprovalsPage() {
  const actor = await requirePageActor('/approvals');
  const requests = await forPage(listPendingRestoreRequests({ actor }));
  return (
    <>
      <PageHeader title="Approvals" description="Restore requests of every tenant that wait for a decision, oldest first." />
      <Card title={`Waiting for review (${requests.length})`}>
        {requests.length === 0 ? (
          <EmptyState title="Nothing to review">New restore requests from tenant admins appear here.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {requests.map((r) => (
              <li key={r.id} className="flex items-center justify-between gap-4 py-3">
                <div>
                  <p className="font-medium text-slate-800">{r.tenantName}</p>
                  <p className="text-slate-500">{r.reason}</p>
                </div>
                <div className="flex items-center gap-3">
                  {r.risk ? <Badge tone={r.risk === 'HIGH' ? 'red' : 'green'}>{r.risk.toLowerCase()} risk</Badge> : null}
                  <span className="text-xs text-slate-500">{formatDateTime(r.createdAt)}</span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
