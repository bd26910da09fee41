import { handleApi } from '@/lib/auth/guards';
import { getTenantJob } from '@/lib/restores/get-tenant-job';

export async function GET(_req: Request, ctx: { params: Promise<{ tenantSlug: string; jobId: string }> }) {
  const { tenantSlug, jobId } = await ctx.params;
  return handleApi((actor) => getTenantJob({ actor, slug: tenantSlug, jobId }));
}
