import { createRoute } from '@/lib/actions/create-route';
import { ZNoInput } from '@/lib/actions/schemas';
import { getBackupHealth } from '@/lib/snapshots/get-backup-health';

export const GET = createRoute({
  name: 'GET /api/tenants/[tenantSlug]/health',
  scope: { tenant: 'snapshots.read' },
  input: ZNoInput,
  run: ({ actor, tenant }) => getBackupHealth({ actor, slug: tenant.slug }),
});
