// Lineage: for every document a restore wrote, which restore and snapshot it came from and when.
// Kept in a side collection of the target database (plan.lineage), never inside the tenant's
// documents. One record per (restore, collection, _id) with a deterministic _id, so replayed
// batches overwrite instead of duplicating; undo marks the records instead of deleting them.
import type { Document } from 'mongodb';
import type { TTenantPredicate } from '../filter/and-tenant-predicate';
import { idFromKey } from '../format/document-key';
import type { TTargetNamespace } from './restore-plan';
import type { TWriteOp } from './restore-target';
import { byIdFilter } from './write-filters';

export type TLineageAction = 'inserted' | 'updated' | 'deleted';

export type TLineageContext = { restoreId: string; snapshotId: string; tenantPredicate: TTenantPredicate | null };

export const lineageId = (restoreId: string, namespace: string, idKey: string) => `${restoreId}:${namespace}:${idKey}`;

export function lineageOp(
  ctx: TLineageContext,
  item: { namespace: string; target: TTargetNamespace; idKey: string; action: TLineageAction },
  at: Date,
): TWriteOp {
  const _id = lineageId(ctx.restoreId, item.namespace, item.idKey);
  const doc: Document = {
    _id,
    ...(ctx.tenantPredicate ? { [ctx.tenantPredicate.field]: ctx.tenantPredicate.value } : {}),
    restoreId: ctx.restoreId,
    snapshotId: ctx.snapshotId,
    namespace: item.namespace,
    database: item.target.database,
    collection: item.target.collection,
    documentId: idFromKey(item.idKey),
    action: item.action,
    restoredAt: at,
  };
  return { op: 'replace', filter: byIdFilter(_id, ctx.tenantPredicate), replacement: doc };
}

/** Undo keeps the record and marks it, so lineage still tells what happened. */
export function lineageUndoneOp(ctx: TLineageContext, namespace: string, idKey: string, at: Date): TWriteOp {
  return { op: 'set', filter: byIdFilter(lineageId(ctx.restoreId, namespace, idKey), ctx.tenantPredicate), set: { undoneAt: at } };
}
