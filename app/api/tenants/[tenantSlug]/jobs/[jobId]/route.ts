import { z } from 'zod';
import { createRoute } from '@/lib/actions/create-route';
import { ZCatalogId } from '@/lib/actions/schemas';
import { getTenantJob } from '@/lib/restores/get-tenant-job';

export const GET = createRoute({
  name: 'GET /api/tenants/[tenantSlug]/jobs/[jobId]',
  scope: { tenant: 'restores.read' },
  input: z.object({ jobId: ZCatalogId }),
  target: { type: 'job', key: 'jobId' },
  run: ({ actor, tenant, input }) => getTenantJob({ actor, slug: tenant.slug, jobId: input.jobId }),
});
