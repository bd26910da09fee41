import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { getMongoClient } from '@/lib/mongo/client';
import { AppError } from '@/lib/errors';
import { LINEAGE_COLLECTION } from '@/lib/engine';
import { getTenantForActorOrThrow } from './get-tenant-for-actor';
import type { TTenantDto } from './tenant-dto';

export type TCollectionSummary = { name: string; namespace: string; documents: number };
export type TTenantDataSummary = {
  collections: TCollectionSummary[];
  totalDocuments: number;
  /** live: counted in the data plane now; snapshot: the catalog's counts of the newest completed snapshot */
  source: 'live' | 'snapshot';
  /** the snapshot the counts are from (source snapshot; null when the tenant has none) */
  asOf: { seq: number; at: string } | null;
};

/** Live counts give up after this long (a slow or unreachable data plane gets a clear message, not a spinner). */
export const LIVE_COUNT_TIMEOUT_MS = 15_000;

/** Counts only this tenant's documents: its database, its prefix, or its field value. */
export async function summarizeTenantData(tenant: TTenantDto): Promise<TTenantDataSummary> {
  let client;
  try {
    client = await getMongoClient();
  } catch {
    throw new AppError('SERVICE_UNAVAILABLE', 'The tenant data server is not reachable right now.');
  }
  const database = client.db(tenant.database);
  const infos = await database.listCollections({}, { nameOnly: true }).toArray();
  const names = infos
    .map((c) => c.name)
    .filter((n) => !n.startsWith('system.'))
    .sort();
  const collections: TCollectionSummary[] = [];
  for (const name of names) {
    if (tenant.tenancyModel === 'COLLECTION_PREFIX' && !name.startsWith(tenant.collectionPrefix ?? '\u0000')) continue;
    const filter = tenant.tenancyModel === 'SHARED_FIELD' ? { [tenant.tenantField ?? 'tenantId']: tenant.tenantValue } : {};
    const documents = await database
      .collection(name)
      .countDocuments(filter, { maxTimeMS: LIVE_COUNT_TIMEOUT_MS })
      .catch((e: unknown) => {
        throw new AppError('SERVICE_UNAVAILABLE', `The tenant data server did not count ${name} in time (${e instanceof Error ? e.message : String(e)}).`);
      });
    if (tenant.tenancyModel === 'SHARED_FIELD' && documents === 0) continue;
    const shown = tenant.tenancyModel === 'COLLECTION_PREFIX' ? name.slice((tenant.collectionPrefix ?? '').length) : name;
    if (shown === LINEAGE_COLLECTION) continue; // the restores' own bookkeeping, not tenant data
    collections.push({ name: shown, namespace: `${tenant.database}.${name}`, documents });
  }
  return { collections, totalDocuments: collections.reduce((n, c) => n + c.documents, 0), source: 'live', asOf: null };
}

export async function getTenantDataSummary(args: { actor: TActor; slug: string }): Promise<TTenantDataSummary> {
  const tenant = await getTenantForActorOrThrow({ ...args, permission: 'tenant.read' });
  return summarizeTenantData(tenant);
}
