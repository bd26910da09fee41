import { handleApi } from '@/lib/auth/guards';
import { getBackupHealth } from '@/lib/snapshots/get-backup-health';

export async function GET(_req: Request, ctx: { params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await ctx.params;
  return handleApi((actor) => getBackupHealth({ actor, slug: tenantSlug }));
}
