// Everything in a package that narrows documents, as one filter: tenant predicate (SHARED_FIELD),
// document ids, time window and the user's filter, ANDed. Consumers evaluate it with
// matchesFilter on snapshot documents and send toMongoQuery(it) to the live target, so both
// sides always select with the same predicate, tenant scope included.
import { ObjectId } from 'mongodb';
import { tenantPredicateFilter, type TTenantPredicate } from '../filter/and-tenant-predicate';
import { MATCH_ALL, type TFilter, type TValuePredicate } from '../filter/filter-ast';
import type { TDocumentId } from './parse-document-ids';

export type TTimeWindow = { field?: string; fieldParts?: readonly string[]; from?: Date; to?: Date };

export function buildSelectionFilter(parts: {
  tenant: TTenantPredicate | null;
  documentIds: readonly TDocumentId[] | null;
  timeWindow: TTimeWindow | null;
  filter: TFilter | null;
}): TFilter {
  const children: TFilter[] = [];
  if (parts.tenant) children.push(tenantPredicateFilter(parts.tenant));
  if (parts.documentIds) children.push({ kind: 'path', path: '_id', parts: ['_id'], predicates: [{ op: 'in', values: [...parts.documentIds] }] });
  if (parts.timeWindow) children.push(timeWindowFilter(parts.timeWindow));
  if (parts.filter) children.push(parts.filter);
  if (children.length === 0) return MATCH_ALL;
  return children.length === 1 ? (children[0] as TFilter) : { kind: 'and', children };
}

/** [from, to) on a date field; without a field, on the creation second inside ObjectId `_id`s. */
function timeWindowFilter(w: TTimeWindow): TFilter {
  const predicates: TValuePredicate[] = [];
  if (w.field === undefined) {
    if (w.from) predicates.push({ op: 'gte', value: ObjectId.createFromTime(Math.floor(w.from.getTime() / 1000)) });
    if (w.to) predicates.push({ op: 'lt', value: ObjectId.createFromTime(Math.ceil(w.to.getTime() / 1000)) });
    return { kind: 'path', path: '_id', parts: ['_id'], predicates };
  }
  if (w.from) predicates.push({ op: 'gte', value: w.from });
  if (w.to) predicates.push({ op: 'lt', value: w.to });
  return { kind: 'path', path: w.field, parts: w.fieldParts ?? w.field.split('.'), predicates };
}
