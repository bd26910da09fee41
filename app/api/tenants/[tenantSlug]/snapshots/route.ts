import { createRoute } from '@/lib/actions/create-route';
import { listSnapshotsPage, ZSnapshotListQuery } from '@/lib/snapshots/list-snapshots-page';

export const GET = createRoute({
  name: 'GET /api/tenants/[tenantSlug]/snapshots',
  scope: { tenant: 'snapshots.read' },
  input: ZSnapshotListQuery,
  run: ({ actor, tenant, input }) => listSnapshotsPage({ actor, slug: tenant.slug, query: input }),
});
