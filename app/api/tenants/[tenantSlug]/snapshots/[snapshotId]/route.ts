import { handleApi } from '@/lib/auth/guards';
import { getSnapshotDetail } from '@/lib/snapshots/get-snapshot-detail';

export async function GET(_req: Request, ctx: { params: Promise<{ tenantSlug: string; snapshotId: string }> }) {
  const { tenantSlug, snapshotId } = await ctx.params;
  return handleApi((actor) => getSnapshotDetail({ actor, slug: tenantSlug, snapshotId }));
}
