import { HydrationBoundary, QueryClient, dehydrate } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { PageHeader } from '@/components/page-header';
import { RestoreBuilder } from '@/app/(tenant)/t/[tenantSlug]/restores/new/restore-builder';
import { forPage } from '@/lib/actions/for-page';
import { documentIdLine } from '@/lib/restores/restore-builder-input';
import { getRestoreRequestPackage } from '@/lib/requests/get-restore-request-package';
import { getTenantApprovalPolicy } from '@/lib/requests/get-tenant-approval-policy';
import { requirePageActor } from '@/lib/session/guards';
import { listSnapshotsPage } from '@/lib/snapshots/list-snapshots-page';
import { getTenantForActorOrThrow } from '@/lib/tenants/get-tenant-for-actor';
import { completedSnapshotsQuery } from '@/components/portal/tenant-queries';

export const metadata: Metadata = { title: 'New restore' };

type TProps = {
  params: Promise<{ tenantSlug: string }>;
  searchParams: Promise<{ snapshot?: string; job?: string; collection?: string; id?: string; from?: string }>;
};

export default async function NewRestorePage({ params, searchParams }: TProps) {
  const { tenantSlug } = await params;
  const sp = await searchParams;
  const actor = await requirePageActor(`/t/${tenantSlug}/restores/new`);
  // Viewers may not request restores: 403 for them, 404 for other tenants.
  const tenant = await forPage(getTenantForActorOrThrow({ actor, slug: tenantSlug, permission: 'restores.request' }));
  const approvals = await forPage(getTenantApprovalPolicy({ actor, tenantId: tenant.id }));
  const queryClient = new QueryClient();
  queryClient.setQueryData(
    completedSnapshotsQuery(tenant.slug).queryKey,
    await listSnapshotsPage({ actor, slug: tenant.slug, query: { status: 'COMPLETED', take: 100 } }),
  );
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length < 200 ? v : null);
  // ?collection=…&id=<the _id as Extended JSON>: one document, from the snapshot's document viewer
  const idLine = (v: string | null) => {
    try {
      return v === null ? null : documentIdLine(JSON.parse(v));
    } catch {
      return null;
    }
  };
  const collection = str(sp.collection);
  const line = idLine(str(sp.id));
  // ?from=<request id>: edit and resubmit a request (a rejected one, typically) from its package
  const from = str(sp.from);
  const initialValues = from
    ? await forPage(getRestoreRequestPackage({ actor, slug: tenant.slug, requestId: from }))
    : collection && line !== null
      ? { namespaces: [collection], documentIds: line }
      : null;
  return (
    <>
      <PageHeader title="Build a restore" description="Choose what to bring back, see exactly what would change, then ask for approval." />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <RestoreBuilder
          slug={tenant.slug}
          approvals={approvals}
          initialSnapshotId={str(sp.snapshot)}
          initialJobId={str(sp.job)}
          initialValues={initialValues}
        />
      </HydrationBoundary>
    </>
  );
}
