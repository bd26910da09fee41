import { handleApi } from '@/lib/auth/guards';
import { getTenantRestoreRequest } from '@/lib/requests/get-tenant-restore-request';

/** One restore request of the tenant, with its timeline and live job progress (polled by the detail page). */
export async function GET(_req: Request, ctx: { params: Promise<{ tenantSlug: string; requestId: string }> }) {
  const { tenantSlug, requestId } = await ctx.params;
  return handleApi((actor) => getTenantRestoreRequest({ actor, slug: tenantSlug, requestId }));
}
