import 'server-only';
import { BSON, type Document } from 'mongodb';
import { z } from 'zod';
import type { TActor } from '@/lib/auth/actor';
import { readDocument, scopedFilter } from '@/lib/engine';
import { AppError } from '@/lib/errors';
import { getMongoClient } from '@/lib/mongo/client';
import type { TTenantDto } from '@/lib/tenants/tenant-dto';
import { diffLiveToSnapshot, flattenDelta, type TFieldChange } from './compare-documents';
import { assertCollectionIn, openTenantSnapshot } from './open-tenant-snapshot';
import { parseIdText } from './parse-browse-input';

export const ZSnapshotDocumentQuery = z.object({ collection: z.string().min(1).max(200), id: z.string().min(1).max(1024) });

export type TSnapshotDocumentView = {
  collection: string;
  id: unknown;
  snapshot: Record<string, unknown>;
  /** null when the live collection no longer holds this _id (the tenant's scope only) */
  live: Record<string, unknown> | null;
  /** live → snapshot; empty when identical */
  changes: TFieldChange[];
  liveError: string | null;
};

/** Where a tenant-logical collection lives now, and the predicate confining reads to the tenant. */
export function liveLocationOf(tenant: Pick<TTenantDto, 'tenancyModel' | 'database' | 'collectionPrefix' | 'tenantField' | 'tenantValue'>, name: string) {
  switch (tenant.tenancyModel) {
    case 'DATABASE':
      return { database: tenant.database, collection: name, predicate: {} };
    case 'COLLECTION_PREFIX':
      return { database: tenant.database, collection: `${tenant.collectionPrefix ?? ''}${name}`, predicate: {} };
    case 'SHARED_FIELD':
      return { database: tenant.database, collection: name, predicate: { [tenant.tenantField ?? 'tenantId']: tenant.tenantValue } };
  }
}

const ejson = (d: Document) => BSON.EJSON.serialize(d, { relaxed: true }) as Record<string, unknown>;

/** One document of a snapshot by _id, beside the live one, with a field-level diff. */
export async function getSnapshotDocument(args: { actor: TActor; slug: string; snapshotId: string; query: unknown }): Promise<TSnapshotDocumentView> {
  const { tenant, repo, manifest } = await openTenantSnapshot(args);
  const parsed = ZSnapshotDocumentQuery.safeParse(args.query);
  if (!parsed.success) throw new AppError('INVALID_INPUT', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const candidates = parseIdText(parsed.data.id);
  const coll = assertCollectionIn(manifest, parsed.data.collection);
  let found: { id: unknown; doc: Document } | null = null;
  for (const id of candidates) {
    const hit = await readDocument({ repo, snapshot: manifest, collection: coll.name, id });
    if (hit) {
      found = { id, doc: hit.doc };
      break;
    }
  }
  if (!found) throw new AppError('NOT_FOUND', `No document with _id ${parsed.data.id} in ${coll.name} in this snapshot.`);
  const snapshot = ejson(found.doc);
  let live: Record<string, unknown> | null = null;
  let liveError: string | null = null;
  try {
    const loc = liveLocationOf(tenant, coll.name);
    const client = await getMongoClient();
    const doc = await client
      .db(loc.database)
      .collection(loc.collection)
      .findOne(scopedFilter({ predicate: loc.predicate }, { _id: found.doc._id }));
    live = doc ? ejson(doc) : null;
  } catch {
    liveError = 'The live data server is not reachable right now.';
  }
  return {
    collection: coll.name,
    id: snapshot._id,
    snapshot,
    live,
    changes: live ? flattenDelta(diffLiveToSnapshot(live, snapshot)) : [],
    liveError,
  };
}
