import { HydrationBoundary, QueryClient, dehydrate } from '@tanstack/react-query';
import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/page-header';
import { SnapshotBrowser } from '@/components/portal/snapshot-browser';
import { mayAct } from '@/lib/auth/actor';
import { forPage } from '@/lib/actions/for-page';
import { requirePageActor } from '@/lib/session/guards';
import { formatDateTime } from '@/lib/format';
import { getSnapshotDetail } from '@/lib/snapshots/get-snapshot-detail';
import { snapshotDetailQuery } from '@/components/portal/tenant-queries';

export const metadata: Metadata = { title: 'Snapshot' };

type TProps = { params: Promise<{ tenantSlug: string; snapshotId: string }> };

export default async function SnapshotPage({ params }: TProps) {
  const { tenantSlug, snapshotId } = await params;
  const actor = await requirePageActor(`/t/${tenantSlug}/snapshots/${snapshotId}`);
  // Another tenant's snapshot (or tenant) is a 404, like a snapshot that does not exist.
  const detail = await forPage(getSnapshotDetail({ actor, slug: tenantSlug, snapshotId }));
  const tenantId = actor.memberships.find((m) => m.tenantSlug === tenantSlug)?.tenantId;
  const queryClient = new QueryClient();
  queryClient.setQueryData(snapshotDetailQuery(tenantSlug, snapshotId).queryKey, detail);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href={`/t/${tenantSlug}/snapshots`} className="hover:underline">
          Snapshots
        </Link>{' '}
        <span aria-hidden>/</span> #{detail.seq}
      </nav>
      <PageHeader title={`Snapshot #${detail.seq}`} description={`Started ${formatDateTime(detail.startedAt)} · ${detail.id}`} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <SnapshotBrowser slug={tenantSlug} snapshotId={snapshotId} canRestore={!!tenantId && mayAct(actor, 'restores.request', tenantId)} />
      </HydrationBoundary>
    </>
  );
}
