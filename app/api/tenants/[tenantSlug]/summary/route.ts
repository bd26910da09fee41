import { z } from 'zod';
import { createRoute } from '@/lib/actions/create-route';
import { getTenantDataSummary } from '@/lib/tenants/get-tenant-data-summary';
import { getTenantSnapshotSummary } from '@/lib/tenants/get-tenant-snapshot-summary';

/** ?source=snapshot: the newest snapshot's counts from the catalog (instant); default: live counts from the data plane. */
export const GET = createRoute({
  name: 'GET /api/tenants/[tenantSlug]/summary',
  scope: { tenant: 'tenant.read' },
  input: z.object({ source: z.enum(['live', 'snapshot'], { error: "source is 'live' or 'snapshot'" }).default('live') }),
  run: ({ actor, tenant, input }) =>
    input.source === 'snapshot' ? getTenantSnapshotSummary({ actor, slug: tenant.slug }) : getTenantDataSummary({ actor, slug: tenant.slug }),
});
