import { z } from 'zod';
import { createRoute } from '@/lib/actions/create-route';
import { getTenantRestoreRequest } from '@/lib/requests/get-tenant-restore-request';
import { ZRequestId } from '@/lib/requests/schemas';

/** One restore request of the tenant, with its timeline and live job progress (polled by the detail page). */
export const GET = createRoute({
  name: 'GET /api/tenants/[tenantSlug]/restores/[requestId]',
  scope: { tenant: 'restores.read' },
  input: z.object({ requestId: ZRequestId }),
  target: { type: 'restore_request', key: 'requestId' },
  run: ({ actor, tenant, input }) => getTenantRestoreRequest({ actor, slug: tenant.slug, requestId: input.requestId }),
});
