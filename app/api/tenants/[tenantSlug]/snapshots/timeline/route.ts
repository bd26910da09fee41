import { createRoute } from '@/lib/actions/create-route';
import { listSnapshotTimeline, ZTimelineQuery } from '@/lib/snapshots/list-snapshot-timeline';

export const GET = createRoute({
  name: 'GET /api/tenants/[tenantSlug]/snapshots/timeline',
  scope: { tenant: 'snapshots.read' },
  input: ZTimelineQuery,
  run: ({ actor, tenant, input }) => listSnapshotTimeline({ actor, slug: tenant.slug, query: input }),
});
