import { handleApi } from '@/lib/auth/guards';
import { listSnapshotDocuments } from '@/lib/snapshots/list-snapshot-documents';

export async function GET(req: Request, ctx: { params: Promise<{ tenantSlug: string; snapshotId: string }> }) {
  const { tenantSlug, snapshotId } = await ctx.params;
  const query = Object.fromEntries(new URL(req.url).searchParams);
  return handleApi((actor) => listSnapshotDocuments({ actor, slug: tenantSlug, snapshotId, query }));
}
