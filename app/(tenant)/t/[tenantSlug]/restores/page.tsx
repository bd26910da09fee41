import type { Metadata } from 'next';
import Link from 'next/link';
import { CancelRequestButton } from '@/app/(tenant)/t/[tenantSlug]/restores/cancel-request-button';
import { PageHeader } from '@/components/page-header';
import { RestoreStatusBadge, RiskBadge } from '@/components/restore-status-badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { forPage } from '@/lib/actions/for-page';
import { mayAct } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/session/guards';
import { formatDateTime } from '@/lib/format';
import { listTenantRestoreRequests } from '@/lib/requests/list-tenant-restore-requests';
import { getTenantForActorOrThrow } from '@/lib/tenants/get-tenant-for-actor';

export const metadata: Metadata = { title: 'Restore requests' };

const CANCELLABLE = new Set(['DRAFT', 'PENDING_APPROVAL', 'QUEUED']);

export default async function TenantRestoresPage({ params }: { params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await params;
  const actor = await requirePageActor(`/t/${tenantSlug}/restores`);
  const tenant = await forPage(getTenantForActorOrThrow({ actor, slug: tenantSlug, permission: 'restores.read' }));
  const requests = await forPage(listTenantRestoreRequests({ actor, tenantId: tenant.id }));
  const mayCancel = mayAct(actor, 'restores.request', tenant.id);
  return (
    <>
      <PageHeader title="Restore requests" description={`${tenant.name}: requests, their approval and execution status.`} />
      <Card title={`Requests (${requests.length})`}>
        {requests.length === 0 ? (
          <EmptyState title="No restore requests yet">A request appears here once it is submitted from a dry-run.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" aria-label="Restore requests">
            {requests.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div className="min-w-0">
                  <Link
                    href={`/t/${tenant.slug}/restores/${r.id}`}
                    className="font-medium text-slate-800 hover:text-brand-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
                    data-testid="restore-request-link"
                  >
                    {r.reason}
                  </Link>
                  <p className="text-slate-500">
                    by {r.requesterName} · {formatDateTime(r.createdAt)} · needs {r.requiredApprovals} approval{r.requiredApprovals === 1 ? '' : 's'}
                  </p>
                  {r.statusReason ? <p className="text-slate-600">{r.statusReason}</p> : null}
                </div>
                <div className="flex items-center gap-2">
                  <RiskBadge risk={r.risk} />
                  <RestoreStatusBadge status={r.status} />
                  {mayCancel && CANCELLABLE.has(r.status) ? <CancelRequestButton tenantSlug={tenant.slug} requestId={r.id} /> : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
