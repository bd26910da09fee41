import 'server-only';
import { db } from '@/lib/db';

/**
 * The snapshot ids the catalog says a tenant's repository holds (completed backups, manifest
 * written), oldest first: what `vault verify` and `vault ls` pass to the engine as "expected",
 * so an empty or unreadable repository prefix cannot pass as healthy.
 */
export async function listExpectedSnapshotIds(tenantId: string): Promise<string[]> {
  const rows = await db.snapshot.findMany({
    where: { tenantId, status: 'COMPLETED', manifestKey: { not: null } },
    select: { id: true },
    orderBy: { seq: 'asc' },
  });
  return rows.map((r) => r.id);
}
