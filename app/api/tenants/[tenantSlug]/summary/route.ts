import { createRoute } from '@/lib/actions/create-route';
import { ZNoInput } from '@/lib/actions/schemas';
import { getTenantDataSummary } from '@/lib/tenants/get-tenant-data-summary';

export const GET = createRoute({
  name: 'GET /api/tenants/[tenantSlug]/summary',
  scope: { tenant: 'tenant.read' },
  input: ZNoInput,
  run: ({ actor, tenant }) => getTenantDataSummary({ actor, slug: tenant.slug }),
});
