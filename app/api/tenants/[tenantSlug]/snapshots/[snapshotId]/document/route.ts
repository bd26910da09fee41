import { handleApi } from '@/lib/auth/guards';
import { getSnapshotDocument } from '@/lib/snapshots/get-snapshot-document';

export async function GET(req: Request, ctx: { params: Promise<{ tenantSlug: string; snapshotId: string }> }) {
  const { tenantSlug, snapshotId } = await ctx.params;
  const query = Object.fromEntries(new URL(req.url).searchParams);
  return handleApi((actor) => getSnapshotDocument({ actor, slug: tenantSlug, snapshotId, query }));
}
