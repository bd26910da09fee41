import { HydrationBoundary, QueryClient, dehydrate } from '@tanstack/react-query';
import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/page-header';
import { SnapshotList } from '@/components/portal/snapshot-list';
import { SnapshotTimeline } from '@/components/portal/snapshot-timeline';
import { Card } from '@/components/ui/card';
import { buttonClass } from '@/components/ui/query-states';
import { forPage } from '@/lib/actions/for-page';
import { mayAct } from '@/lib/auth/actor';
import { requirePageActor } from '@/lib/session/guards';
import { listSnapshotsPage } from '@/lib/snapshots/list-snapshots-page';
import { getTenantForActorOrThrow } from '@/lib/tenants/get-tenant-for-actor';
import { snapshotListQuery } from '@/components/portal/tenant-queries';

export const metadata: Metadata = { title: 'Snapshots' };

type TProps = { params: Promise<{ tenantSlug: string }> };

export default async function SnapshotsPage({ params }: TProps) {
  const { tenantSlug } = await params;
  const actor = await requirePageActor(`/t/${tenantSlug}/snapshots`);
  const tenant = await forPage(getTenantForActorOrThrow({ actor, slug: tenantSlug, permission: 'snapshots.read' }));
  const queryClient = new QueryClient();
  const first = await listSnapshotsPage({ actor, slug: tenant.slug, query: {} });
  queryClient.setQueryData(snapshotListQuery(tenant.slug, null).queryKey, first);
  // The timeline opens on the newest snapshot (a little margin after it), or on today.
  // A server component renders once per request: "now" is the request's time, not a re-render hazard.
  // eslint-disable-next-line react-hooks/purity
  const newest = first.items[0] ? Date.parse(first.items[0].startedAt) : Date.now();
  const initialEnd = Math.ceil((newest + 3 * 3600_000) / 3600_000) * 3600_000;
  return (
    <>
      <PageHeader
        title="Snapshots"
        description={`${tenant.name} · every backup, on a time axis`}
        actions={
          mayAct(actor, 'restores.request', tenant.id) ? (
            <Link href={`/t/${tenant.slug}/restores/new`} className={buttonClass.primary}>
              Build a restore
            </Link>
          ) : null
        }
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <SnapshotTimeline slug={tenant.slug} initialEnd={initialEnd} />
        <Card title="All snapshots" className="mt-6">
          <SnapshotList slug={tenant.slug} />
        </Card>
      </HydrationBoundary>
    </>
  );
}
