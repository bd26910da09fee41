import 'server-only';
import { db } from '@/lib/db';
import {
  listOplogSegments,
  loadManifest,
  readOplogSegment,
  seedFromSegments,
  seedFromSnapshot,
  type IdTenantResolver,
  type TRepository,
  type TTenant,
} from '@/lib/engine';

/**
 * Teaches a fresh `_id → tenant` map what one SHARED_FIELD tenant owns, so deletes in its shared
 * collections (which carry only `_id`) route to it: the ids of its newest completed snapshot,
 * then its captured entries in ts order (inserts remember, deletes forget). Done when a process
 * takes the lease (a standby did not follow the stream) and when a tenant joins.
 */
export async function seedIdResolver(resolver: IdTenantResolver, repo: TRepository, tenant: TTenant): Promise<number> {
  if (tenant.tenancy.model !== 'SHARED_FIELD') return 0;
  let n = 0;
  const newest = await db.snapshot.findFirst({
    where: { tenantId: tenant.tenantId, status: 'COMPLETED', expiredAt: null, manifestKey: { not: null } },
    orderBy: { seq: 'desc' },
    select: { id: true },
  });
  if (newest) n += await seedFromSnapshot(resolver, repo, await loadManifest(repo, newest.id));
  for (const seg of await listOplogSegments(repo)) {
    const entries = await readOplogSegment(repo, seg);
    seedFromSegments(resolver, repo, tenant.tenancy, entries);
    n += entries.length;
  }
  return n;
}
