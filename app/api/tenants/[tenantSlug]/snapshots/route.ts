import { handleApi } from '@/lib/auth/guards';
import { listSnapshotsPage } from '@/lib/snapshots/list-snapshots-page';

export async function GET(req: Request, ctx: { params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await ctx.params;
  const query = Object.fromEntries(new URL(req.url).searchParams);
  return handleApi((actor) => listSnapshotsPage({ actor, slug: tenantSlug, query }));
}
