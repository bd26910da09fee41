import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';

export type TSnapshotListItem = {
  id: string;
  seq: number;
  kind: 'FULL' | 'INCREMENTAL';
  status: 'RUNNING' | 'COMPLETED' | 'FAILED';
  startedAt: string;
  consistentAt: string | null;
  documents: number;
  storedBytes: number;
};

/** The tenant's newest snapshots; `tenantId` must come from getTenantForActorOrThrow. */
export async function listRecentSnapshots(args: { actor: TActor; tenantId: string; take?: number }): Promise<TSnapshotListItem[]> {
  assertCan(args.actor, 'snapshots.read', args.tenantId);
  const rows = await db.snapshot.findMany({
    where: { tenantId: args.tenantId, expiredAt: null },
    orderBy: { startedAt: 'desc' },
    take: Math.min(args.take ?? 10, 100),
    select: { id: true, seq: true, kind: true, status: true, startedAt: true, consistentAt: true, documents: true, storedBytes: true },
  });
  return rows.map((r) => ({
    ...r,
    startedAt: r.startedAt.toISOString(),
    consistentAt: r.consistentAt?.toISOString() ?? null,
    documents: Number(r.documents),
    storedBytes: Number(r.storedBytes),
  }));
}
