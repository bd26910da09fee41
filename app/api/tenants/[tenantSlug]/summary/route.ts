import { handleApi } from '@/lib/auth/guards';
import { getTenantDataSummary } from '@/lib/tenants/get-tenant-data-summary';

export async function GET(_req: Request, ctx: { params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await ctx.params;
  return handleApi((actor) => getTenantDataSummary({ actor, slug: tenantSlug }));
}
