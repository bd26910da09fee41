import { HydrationBoundary, QueryClient, dehydrate } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { OnDemandBackupButton } from '@/app/(tenant)/t/[tenantSlug]/on-demand-backup-button';
import { PageHeader } from '@/components/page-header';
import { TenantCollections } from '@/components/tenant-collections';
import { Badge } from '@/components/ui/badge';
import { BackupHealthPanel } from '@/components/portal/backup-health-panel';
import { PitrCaptureCard } from '@/components/portal/pitr-capture-card';
import { PolicyStatusCard } from '@/components/portal/policy-status-card';
import { Card } from '@/components/ui/card';
import { ReadOnlyNotice } from '@/components/ui/read-only-notice';
import { forPage } from '@/lib/actions/for-page';
import { mayAct, readOnlyReason } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/session/guards';
import { getTenantPitrCoverage } from '@/lib/pitr/get-tenant-pitr-coverage';
import { getPolicyStatus } from '@/lib/policies/get-policy-status';
import { getBackupHealth } from '@/lib/snapshots/get-backup-health';
import { getTenantForActorOrThrow } from '@/lib/tenants/get-tenant-for-actor';
import { describeTenancy } from '@/components/describe-tenancy';
import { backupHealthQuery, tenantSnapshotSummaryQuery } from '@/components/portal/tenant-queries';
import { getTenantSnapshotSummary } from '@/lib/tenants/get-tenant-snapshot-summary';

export const metadata: Metadata = { title: 'Dashboard' };

type TProps = { params: Promise<{ tenantSlug: string }> };

export default async function TenantDashboard({ params }: TProps) {
  const { tenantSlug } = await params;
  const actor = await requirePageActor(`/t/${tenantSlug}`);
  const tenant = await forPage(getTenantForActorOrThrow({ actor, slug: tenantSlug, permission: 'tenant.read' }));

  const queryClient = new QueryClient();
  // Backup health and the newest snapshot's collection counts are catalog-only and prefetched.
  // The live collection counts ask the data plane (seconds on a large or busy server), so they
  // load in the client beside the snapshot's numbers instead of holding up the whole page.
  const [status, pitr] = await Promise.all([
    forPage(getPolicyStatus({ actor, tenantId: tenant.id })),
    forPage(getTenantPitrCoverage({ actor, tenantId: tenant.id })),
    queryClient.prefetchQuery({ ...backupHealthQuery(tenant.slug), queryFn: () => getBackupHealth({ actor, slug: tenant.slug }) }),
    queryClient.prefetchQuery({ ...tenantSnapshotSummaryQuery(tenant.slug), queryFn: () => getTenantSnapshotSummary({ actor, slug: tenant.slug }) }),
  ]);

  const facts = [
    { label: 'Tenancy', value: describeTenancy(tenant) },
    { label: 'Region', value: tenant.region },
    { label: 'Cost center', value: tenant.costCenter },
    { label: 'Your role', value: tenant.role === 'TENANT_ADMIN' ? 'Tenant admin' : 'Tenant viewer' },
  ];

  return (
    <>
      <PageHeader
        title={tenant.name}
        description={<span className="font-mono">{tenant.slug}</span>}
        actions={
          <div className="flex items-center gap-3">
            <Badge tone={tenant.status === 'ACTIVE' ? 'green' : 'amber'}>{tenant.status.toLowerCase()}</Badge>
            {mayAct(actor, 'snapshots.create', tenant.id) ? <OnDemandBackupButton tenantSlug={tenant.slug} /> : null}
          </div>
        }
      />
      <ReadOnlyNotice reason={readOnlyReason(actor, tenant.id)} />
      <dl className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {facts.map((f) => (
          <div key={f.label} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{f.label}</dt>
            <dd className="mt-1 text-sm font-medium text-slate-900">{f.value}</dd>
          </div>
        ))}
      </dl>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <BackupHealthPanel slug={tenant.slug} canRestore={mayAct(actor, 'restores.request', tenant.id)} />
        <PolicyStatusCard slug={tenant.slug} status={status} />
        <PitrCaptureCard pitr={pitr} />
        <Card title="Collections (live data)" className="mt-6">
          <TenantCollections slug={tenant.slug} />
        </Card>
      </HydrationBoundary>
    </>
  );
}
