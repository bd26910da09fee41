import { createRoute } from '@/lib/actions/create-route';
import { ZCatalogId } from '@/lib/actions/schemas';
import { getSnapshotDocument, ZSnapshotDocumentQuery } from '@/lib/snapshots/get-snapshot-document';

export const GET = createRoute({
  name: 'GET /api/tenants/[tenantSlug]/snapshots/[snapshotId]/document',
  scope: { tenant: 'snapshots.read' },
  input: ZSnapshotDocumentQuery.extend({ snapshotId: ZCatalogId }),
  target: { type: 'snapshot', key: 'snapshotId' },
  run: ({ actor, tenant, input: { snapshotId, ...query } }) => getSnapshotDocument({ actor, slug: tenant.slug, snapshotId, query }),
});
