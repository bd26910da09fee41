// Lineage: for every document a restore wrote, which restore and snapshot it came from and when.
// Kept in a side collection of the target database (plan.lineage), never inside the tenant's
// documents. One record per execution batch (≤ LINEAGE_ENTRIES documents each) listing the `_id`s
// it wrote by action — `inserted: [...]`, `updated: [...]`, `deleted: [...]`; query with `$or` over
// the three — so lineage costs one write per batch instead of one per document (on FerretDB a
// per-document record halved restore throughput, and `[{id, action}]` entries cost 3× more to
// write and 4× more to query than plain id arrays). Records have deterministic `_id`s `<restoreId>:<collection>:<batch>:<part>` and are
// inserted (a replayed batch's duplicate is overwritten by write-idempotent.ts, never
// duplicated); undo marks the restore's records instead of deleting them.
import type { Document } from 'mongodb';
import type { TTenantPredicate } from '../filter/and-tenant-predicate';
import { idFromKey } from '../format/document-key';
import type { TTargetNamespace } from './restore-plan';
import type { TWriteOp } from './restore-target';
import { tenantQuery } from './write-filters';

export const LINEAGE_ACTIONS = ['inserted', 'updated', 'deleted'] as const;
export type TLineageAction = (typeof LINEAGE_ACTIONS)[number];

export type TLineageContext = { restoreId: string; snapshotId: string; tenantPredicate: TTenantPredicate | null };

/** Entries per lineage record: keeps a record far below the 16 MiB document limit with 1 KiB ids. */
export const LINEAGE_ENTRIES = 1000;

export const lineageId = (restoreId: string, namespace: string, batch: number, part: number) => `${restoreId}:${namespace}:${batch}:${part}`;

/** The lineage records of one written batch (none when nothing was written). */
export function lineageOps(
  ctx: TLineageContext,
  batch: { namespace: string; target: TTargetNamespace; index: number; written: { idKey: string; action: TLineageAction }[] },
  at: Date,
): TWriteOp[] {
  const ops: TWriteOp[] = [];
  for (let i = 0, part = 0; i < batch.written.length; i += LINEAGE_ENTRIES, part++) {
    const entries = batch.written.slice(i, i + LINEAGE_ENTRIES);
    const document: Document = {
      _id: lineageId(ctx.restoreId, batch.namespace, batch.index, part),
      ...(ctx.tenantPredicate ? { [ctx.tenantPredicate.field]: ctx.tenantPredicate.value } : {}),
      restoreId: ctx.restoreId,
      snapshotId: ctx.snapshotId,
      namespace: batch.namespace,
      database: batch.target.database,
      collection: batch.target.collection,
      ...Object.fromEntries(LINEAGE_ACTIONS.map((a) => [a, entries.filter((e) => e.action === a).map((e) => idFromKey(e.idKey))])),
      count: entries.length,
      restoredAt: at,
    };
    ops.push({ op: 'insert', document });
  }
  return ops;
}

/** Undo keeps the records and marks them (every record of the restore), so lineage still tells what happened. */
export function lineageUndoneOp(ctx: TLineageContext, at: Date): TWriteOp {
  return { op: 'set', filter: { restoreId: { $eq: ctx.restoreId }, ...tenantQuery(ctx.tenantPredicate) }, set: { undoneAt: at }, many: true };
}
