import { handleApi } from '@/lib/auth/guards';
import { getDryRunChangesPage } from '@/lib/restores/get-dry-run-changes-page';

export async function GET(req: Request, ctx: { params: Promise<{ tenantSlug: string; jobId: string }> }) {
  const { tenantSlug, jobId } = await ctx.params;
  const query = Object.fromEntries(new URL(req.url).searchParams);
  return handleApi((actor) => getDryRunChangesPage({ actor, slug: tenantSlug, jobId, query }));
}
