import { z } from 'zod';
import { createRoute } from '@/lib/actions/create-route';
import { ZCatalogId } from '@/lib/actions/schemas';
import { getSnapshotDetail } from '@/lib/snapshots/get-snapshot-detail';

export const GET = createRoute({
  name: 'GET /api/tenants/[tenantSlug]/snapshots/[snapshotId]',
  scope: { tenant: 'snapshots.read' },
  input: z.object({ snapshotId: ZCatalogId }),
  target: { type: 'snapshot', key: 'snapshotId' },
  run: ({ actor, tenant, input }) => getSnapshotDetail({ actor, slug: tenant.slug, snapshotId: input.snapshotId }),
});
