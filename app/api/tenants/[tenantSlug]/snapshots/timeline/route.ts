import { handleApi } from '@/lib/auth/guards';
import { listSnapshotTimeline } from '@/lib/snapshots/list-snapshot-timeline';

export async function GET(req: Request, ctx: { params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await ctx.params;
  const query = Object.fromEntries(new URL(req.url).searchParams);
  return handleApi((actor) => listSnapshotTimeline({ actor, slug: tenantSlug, query }));
}
