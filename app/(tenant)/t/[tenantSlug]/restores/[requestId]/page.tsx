import { HydrationBoundary, QueryClient, dehydrate } from '@tanstack/react-query';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/page-header';
import { RestoreRequestDetail } from '@/app/(tenant)/t/[tenantSlug]/restores/[requestId]/restore-request-detail';
import { forPage } from '@/lib/actions/for-page';
import { mayAct } from '@/lib/auth/actor';
import { buttonClass } from '@/components/ui/query-states';
import { requirePageActor } from '@/lib/session/guards';
import { getTenantRestoreRequest } from '@/lib/requests/get-tenant-restore-request';
import { ZRequestId } from '@/lib/requests/schemas';
import { restoreRequestQuery } from '@/components/portal/tenant-queries';

export const metadata: Metadata = { title: 'Restore request' };

export default async function RestoreRequestPage({ params }: { params: Promise<{ tenantSlug: string; requestId: string }> }) {
  const { tenantSlug, requestId } = await params;
  const actor = await requirePageActor(`/t/${tenantSlug}/restores/${requestId}`);
  // A malformed id is simply not a request; authorized in the DAL: another tenant's request (or tenant) is a 404.
  if (!ZRequestId.safeParse(requestId).success) notFound();
  const request = await forPage(getTenantRestoreRequest({ actor, slug: tenantSlug, requestId }));
  // A rejected (or cancelled) request can be built again from its package, changed, dry-run and submitted.
  const tenantId = actor.memberships.find((m) => m.tenantSlug === request.tenant.slug)?.tenantId;
  const mayResubmit = (request.status === 'REJECTED' || request.status === 'CANCELLED') && !!tenantId && mayAct(actor, 'restores.request', tenantId);
  const queryClient = new QueryClient();
  queryClient.setQueryData(restoreRequestQuery(request.tenant.slug, request.id).queryKey, request);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link
          href={`/t/${request.tenant.slug}/restores`}
          className="text-brand-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
        >
          ← Restore requests
        </Link>
      </nav>
      <PageHeader
        title="Restore request"
        description={<span className="font-mono text-xs">{request.id}</span>}
        actions={
          mayResubmit ? (
            <Link href={`/t/${request.tenant.slug}/restores/new?from=${encodeURIComponent(request.id)}`} className={buttonClass.primary}>
              Edit and resubmit
            </Link>
          ) : null
        }
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <RestoreRequestDetail slug={request.tenant.slug} requestId={request.id} />
      </HydrationBoundary>
    </>
  );
}
