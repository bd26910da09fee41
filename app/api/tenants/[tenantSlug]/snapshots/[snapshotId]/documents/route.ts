import { createRoute } from '@/lib/actions/create-route';
import { ZCatalogId } from '@/lib/actions/schemas';
import { listSnapshotDocuments, ZSnapshotDocumentsQuery } from '@/lib/snapshots/list-snapshot-documents';

export const GET = createRoute({
  name: 'GET /api/tenants/[tenantSlug]/snapshots/[snapshotId]/documents',
  scope: { tenant: 'snapshots.read' },
  input: ZSnapshotDocumentsQuery.extend({ snapshotId: ZCatalogId }),
  target: { type: 'snapshot', key: 'snapshotId' },
  run: ({ actor, tenant, input: { snapshotId, ...query } }) => listSnapshotDocuments({ actor, slug: tenant.slug, snapshotId, query }),
});
