import { createRoute } from '@/lib/actions/create-route';
import { ZCatalogId } from '@/lib/actions/schemas';
import { getDryRunChangesPage, ZChangesPageQuery } from '@/lib/restores/get-dry-run-changes-page';

export const GET = createRoute({
  name: 'GET /api/tenants/[tenantSlug]/dry-runs/[jobId]/changes',
  scope: { tenant: 'restores.read' },
  input: ZChangesPageQuery.extend({ jobId: ZCatalogId }),
  target: { type: 'job', key: 'jobId' },
  run: ({ actor, tenant, input: { jobId, ...query } }) => getDryRunChangesPage({ actor, slug: tenant.slug, jobId, query }),
});
