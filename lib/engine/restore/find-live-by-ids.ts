// Reads the live documents with the given `_id`s from a target namespace, the one way inspection,
// the safety snapshot and verify do it. Two strategies, same documents:
// * `$in` lookups in chunks of ID_CHUNK ids (an index lookup per id on MongoDB);
// * one scan of the namespace (tenant predicate only) keeping the wanted ids, when they are a
//   large part of the collection. Servers that cannot use an index for `$in` (FerretDB v1 scans
//   the whole collection for each chunk) would otherwise read the collection n/ID_CHUNK times;
//   on MongoDB a scan is also what a query planner picks at that selectivity.
import { throwIfAborted } from '../errors/engine-error';
import type { TTenantPredicate } from '../filter/and-tenant-predicate';
import { idFromKey, idKeyFromRaw } from '../format/document-key';
import type { TTargetNamespace } from './restore-plan';
import type { RestoreTarget } from './restore-target';
import { byIdsFilter, tenantQuery } from './write-filters';

export const ID_CHUNK = 256;
/** From this share of the collection's documents on, one scan replaces the `$in` chunks. */
export const SCAN_SHARE = 0.25;

export type TFindLiveOptions = {
  /** the collection's size as the snapshot saw it: decides the strategy */
  collectionCount: number;
  signal?: AbortSignal;
};

export function prefersScan(wanted: number, collectionCount: number): boolean {
  return wanted > ID_CHUNK && wanted >= SCAN_SHARE * collectionCount;
}

/** Raw live documents whose `_id` key is in `idKeys` (each at most once), in no particular order. */
export async function* findLiveByIds(
  target: RestoreTarget,
  ns: TTargetNamespace,
  idKeys: readonly string[],
  tenant: TTenantPredicate | null,
  options: TFindLiveOptions,
): AsyncGenerator<Uint8Array> {
  if (prefersScan(idKeys.length, options.collectionCount)) {
    throwIfAborted(options.signal);
    const wanted = new Set(idKeys);
    let n = 0;
    for await (const raw of target.find(ns, tenantQuery(tenant), { batchSize: 1000 })) {
      if ((++n & 1023) === 0) throwIfAborted(options.signal);
      if (wanted.has(idKeyFromRaw(raw))) yield raw;
    }
    return;
  }
  for (let i = 0; i < idKeys.length; i += ID_CHUNK) {
    throwIfAborted(options.signal);
    yield* target.find(ns, byIdsFilter(idKeys.slice(i, i + ID_CHUNK).map(idFromKey), tenant));
  }
}
