import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { getTenantForActorOrThrow } from '@/lib/tenants/get-tenant-for-actor';
import type { TTenantDto } from '@/lib/tenants/tenant-dto';
import { SNAPSHOT_MARKER_SELECT, toSnapshotMarker, type TSnapshotMarker } from './snapshot-marker';

export type TSnapshotIndex = { name: string; keys: Record<string, unknown>; isUnique: boolean };
export type TSnapshotCollectionDto = {
  /** tenant-logical name (what restore packages and the browser use), e.g. "orders" */
  name: string;
  /** where it was captured from, e.g. "saas_prefixed.globex_orders" */
  namespace: string;
  documents: number;
  changedDocuments: number;
  logicalBytes: number;
  storedBytes: number;
  indexes: TSnapshotIndex[];
};
export type TSnapshotDetail = TSnapshotMarker & {
  finishedAt: string | null;
  durationMs: number | null;
  logicalBytes: number;
  consistencyMethod: string | null;
  parentId: string | null;
  collections: TSnapshotCollectionDto[];
};

/** Index specs as captured (canonical Extended JSON) → name, keys, unique. */
export function toSnapshotIndexes(raw: unknown): TSnapshotIndex[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((i): TSnapshotIndex[] => {
    if (!i || typeof i !== 'object') return [];
    const o = i as { name?: unknown; key?: unknown; unique?: unknown };
    const keys = o.key && typeof o.key === 'object' ? (o.key as Record<string, unknown>) : {};
    return [{ name: typeof o.name === 'string' ? o.name : Object.keys(keys).join('_'), keys, isUnique: o.unique === true }];
  });
}

/**
 * The catalog row records the captured namespace as `database.collection`; the tenant sees
 * logical names (prefix stripped for COLLECTION_PREFIX), as in the manifest.
 */
export function logicalCollectionName(tenant: Pick<TTenantDto, 'tenancyModel' | 'database' | 'collectionPrefix'>, namespace: string): string {
  let name = namespace.startsWith(`${tenant.database}.`) ? namespace.slice(tenant.database.length + 1) : namespace;
  if (tenant.tenancyModel === 'COLLECTION_PREFIX' && tenant.collectionPrefix && name.startsWith(tenant.collectionPrefix))
    name = name.slice(tenant.collectionPrefix.length);
  return name;
}

/** One snapshot of the tenant with its collections; another tenant's id is NOT_FOUND. */
export async function getSnapshotDetail(args: { actor: TActor; slug: string; snapshotId: string }): Promise<TSnapshotDetail> {
  const tenant = await getTenantForActorOrThrow({ actor: args.actor, slug: args.slug, permission: 'snapshots.read' });
  assertCan(args.actor, 'snapshots.read', tenant.id);
  const row = await db.snapshot.findFirst({
    where: { tenantId: tenant.id, id: args.snapshotId },
    select: {
      ...SNAPSHOT_MARKER_SELECT,
      finishedAt: true,
      durationMs: true,
      logicalBytes: true,
      consistencyMethod: true,
      parentId: true,
      collections: { where: { tenantId: tenant.id }, orderBy: { namespace: 'asc' } },
    },
  });
  if (!row) throw new AppError('NOT_FOUND', 'No such snapshot.');
  return {
    ...toSnapshotMarker(row),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.durationMs,
    logicalBytes: Number(row.logicalBytes),
    consistencyMethod: row.consistencyMethod,
    parentId: row.parentId,
    collections: row.collections
      .map((c) => ({
        name: logicalCollectionName(tenant, c.namespace),
        namespace: c.namespace,
        documents: Number(c.documents),
        changedDocuments: Number(c.changedDocuments),
        logicalBytes: Number(c.logicalBytes),
        storedBytes: Number(c.storedBytes),
        indexes: toSnapshotIndexes(c.indexes),
      }))
      .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)),
  };
}
