import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import type { TTenantDataSummary } from './get-tenant-data-summary';
import { getTenantForActorOrThrow } from './get-tenant-for-actor';

/**
 * The tenant's collections as its newest completed snapshot counted them: catalog only, so the
 * dashboard has numbers at once while the live counts (data plane, seconds) load beside them.
 */
export async function getTenantSnapshotSummary(args: { actor: TActor; slug: string }): Promise<TTenantDataSummary> {
  const tenant = await getTenantForActorOrThrow({ ...args, permission: 'tenant.read' });
  const newest = await db.snapshot.findFirst({
    where: { tenantId: tenant.id, status: 'COMPLETED', expiredAt: null },
    orderBy: { seq: 'desc' },
    select: { id: true, seq: true, consistentAt: true, finishedAt: true, startedAt: true },
  });
  if (!newest) return { collections: [], totalDocuments: 0, source: 'snapshot', asOf: null };
  const rows = await db.snapshotCollection.findMany({
    where: { tenantId: tenant.id, snapshotId: newest.id },
    orderBy: { namespace: 'asc' },
    select: { namespace: true, documents: true },
  });
  // rows hold the physical namespace (database.collection, lib/backups/run-backup.ts); the name is the tenant's
  const prefix = `${tenant.database}.${tenant.tenancyModel === 'COLLECTION_PREFIX' ? (tenant.collectionPrefix ?? '') : ''}`;
  const logical = (ns: string) => (ns.startsWith(prefix) ? ns.slice(prefix.length) : ns);
  const collections = rows.map((r) => ({ name: logical(r.namespace), namespace: r.namespace, documents: Number(r.documents) }));
  return {
    collections,
    totalDocuments: collections.reduce((n, c) => n + c.documents, 0),
    source: 'snapshot',
    asOf: { seq: newest.seq, at: (newest.consistentAt ?? newest.finishedAt ?? newest.startedAt).toISOString() },
  };
}
