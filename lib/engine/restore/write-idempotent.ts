// Writes a batch so that replaying it is harmless. `insert` ops (documents the inspection found
// absent, and lineage records) are sent as plain inserts, which servers handle far faster than
// upserts; an insert that meets a duplicate key — its own document from an interrupted earlier
// attempt, or anything else holding that `_id` — is retried once as replaceOne upsert by `_id`
// (+ tenant predicate), exactly the write the restore made before this existed. So the end state
// equals an all-upsert batch: the snapshot document in place, or a per-document failure (another
// tenant's `_id` in a shared collection, a unique index) that the upsert would have hit too.
import type { TTenantPredicate } from '../filter/and-tenant-predicate';
import type { TTargetNamespace } from './restore-plan';
import type { RestoreTarget, TWriteOp, TWriteResult } from './restore-target';
import { byIdFilter } from './write-filters';

export const DUPLICATE_KEY = 11000;

export async function writeIdempotent(
  target: RestoreTarget,
  ns: TTargetNamespace,
  ops: readonly TWriteOp[],
  tenant: TTenantPredicate | null,
): Promise<TWriteResult> {
  const first = await target.write(ns, ops);
  const retry = first.errors.filter((e) => e.code === DUPLICATE_KEY && ops[e.index]?.op === 'insert');
  if (retry.length === 0) return first;
  const retryOps: TWriteOp[] = retry.map((e) => {
    const { document } = ops[e.index] as Extract<TWriteOp, { op: 'insert' }>;
    return { op: 'replace', filter: byIdFilter(document._id, tenant), replacement: document };
  });
  const second = await target.write(ns, retryOps);
  const retried = new Set(retry.map((e) => e.index));
  return {
    matched: first.matched + second.matched,
    modified: first.modified + second.modified,
    upserted: first.upserted + second.upserted,
    deleted: first.deleted + second.deleted,
    errors: [...first.errors.filter((e) => !retried.has(e.index)), ...second.errors.map((e) => ({ ...e, index: retry[e.index]!.index }))].sort(
      (a, b) => a.index - b.index,
    ),
  };
}
