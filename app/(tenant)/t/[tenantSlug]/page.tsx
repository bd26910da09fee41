import { HydrationBoundary, QueryClient, dehydrate } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { OnDemandBackupButton } from '@/components/on-demand-backup-button';
import { PageHeader } from '@/components/page-header';
import { TenantCollections } from '@/components/tenant-collections';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { forPage, requirePageActor } from '@/lib/auth/guards';
import { formatBytes, formatCount, formatDateTime } from '@/lib/format';
import { listRecentSnapshots } from '@/lib/snapshots/list-recent-snapshots';
import { summarizeTenantData } from '@/lib/tenants/get-tenant-data-summary';
import { getTenantForActorOrThrow } from '@/lib/tenants/get-tenant-for-actor';
import { describeTenancy } from '@/lib/tenants/tenant-dto';
import { tenantSummaryQuery } from './queries';

export const metadata: Metadata = { title: 'Dashboard' };

type TProps = { params: Promise<{ tenantSlug: string }> };

export default async function TenantDashboard({ params }: TProps) {
  const { tenantSlug } = await params;
  const actor = await requirePageActor(`/t/${tenantSlug}`);
  const tenant = await forPage(getTenantForActorOrThrow({ actor, slug: tenantSlug, permission: 'tenant.read' }));
  const snapshots = await listRecentSnapshots({ actor, tenantId: tenant.id, take: 5 });

  const queryClient = new QueryClient();
  // Prefetch on the server; a failing data plane shows the error state in the client instead.
  await queryClient.prefetchQuery({ ...tenantSummaryQuery(tenant.slug), queryFn: () => summarizeTenantData(tenant) });

  const facts = [
    { label: 'Tenancy', value: describeTenancy(tenant) },
    { label: 'Region', value: tenant.region },
    { label: 'Cost center', value: tenant.costCenter },
    { label: 'Your role', value: tenant.role === 'TENANT_ADMIN' ? 'Tenant admin' : 'Tenant viewer' },
  ];

  return (
    <>
      <PageHeader title={tenant.name} description={<span className="font-mono">{tenant.slug}</span>}
        actions={<Badge tone={tenant.status === 'ACTIVE' ? 'green' : 'amber'}>{tenant.status.toLowerCase()}</Badge>} />
      <dl className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {facts.map((f) => (
          <div key={f.label} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{f.label}</dt>
            <dd className="mt-1 text-sm font-medium text-slate-900">{f.value}</dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-6 lg:grid-cols-5">
        <Card title="Collections" className="lg:col-span-3">
          <HydrationBoundary state={dehydrate(queryClient)}>
            <TenantCollections slug={tenant.slug} />
          </HydrationBoundary>
        </Card>
        <Card title="Recent snapshots" className="lg:col-span-2"
          action={tenant.role === 'TENANT_ADMIN' ? <OnDemandBackupButton tenantSlug={tenant.slug} /> : undefined}>
          {snapshots.length === 0 ? (
            <EmptyState title="No snapshots recorded yet">Snapshots appear here once a backup of this tenant completes.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {snapshots.map((s) => (
                <li key={s.id} className="flex items-center justify-between py-2">
                  <span>#{s.seq} · {formatDateTime(s.startedAt)}</span>
                  <span className="text-slate-500">{formatCount(s.documents)} docs · {formatBytes(s.storedBytes)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
