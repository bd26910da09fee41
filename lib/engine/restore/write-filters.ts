// Every filter the restore path sends to a target is built here. For SHARED_FIELD the tenant
// predicate `{field: {$eq: value, $not: {$type: "array"}}}` sits next to the `_id` condition of
// every read, replace and delete, so a write can never reach a document of another tenant even
// when `_id`s collide in a shared collection (the upsert then fails with a duplicate key instead).
import { BSON, type Document } from 'mongodb';
import { tenantPredicateFilter, type TTenantPredicate } from '../filter/and-tenant-predicate';
import { compileFilter } from '../filter/compile-filter';
import { toMongoQuery } from '../filter/to-mongo-query';
import type { TFilter } from '../filter/filter-ast';
import { restoreError } from './restore-error';

export function tenantQuery(tenant: TTenantPredicate | null): Document {
  return tenant ? toMongoQuery(tenantPredicateFilter(tenant)) : {};
}

/**
 * `{_id: id}` for scalar ids (ObjectId, string, number, date, ...): servers without a full query
 * planner only use the `_id` index for this plain form (FerretDB v1 scans the collection for
 * `{$eq}`, making every upsert O(collection)). For a document `_id` — where a key such as `$gt`
 * could turn plain equality into an operator — `{$eq: id}` matches it exactly, as before.
 */
export function byIdFilter(id: unknown, tenant: TTenantPredicate | null): Document {
  return { _id: isPlainIdValue(id) ? id : { $eq: id }, ...tenantQuery(tenant) };
}

function isPlainIdValue(id: unknown): boolean {
  if (id === null || typeof id !== 'object') return true;
  if (Array.isArray(id) || id instanceof RegExp || (id as { _bsontype?: string })._bsontype === 'BSONRegExp') return false;
  const proto: unknown = Object.getPrototypeOf(id);
  // class instances (ObjectId, Date, Binary, Long, Decimal128, ...) compare as values
  return proto !== Object.prototype && proto !== null;
}

export function byIdsFilter(ids: readonly unknown[], tenant: TTenantPredicate | null): Document {
  return { _id: { $in: [...ids] }, ...tenantQuery(tenant) };
}

/** The plan's selection, recompiled through the safe subset, with the tenant predicate ANDed. */
export function compileSelection(selectionQuery: string): TFilter {
  let raw: unknown;
  try {
    raw = BSON.EJSON.parse(selectionQuery, { relaxed: false });
  } catch (err) {
    throw restoreError('PLAN_INVALID', `selection query is not Extended JSON: ${(err as Error).message}`);
  }
  const compiled = compileFilter(raw);
  if (!compiled.ok) throw restoreError('PLAN_INVALID', `selection query is outside the safe filter subset: ${compiled.error.message}`);
  return compiled.filter;
}

export function selectionTargetQuery(selectionQuery: string, tenant: TTenantPredicate | null): Document {
  return toMongoQuery(compileSelection(selectionQuery), tenant ?? undefined);
}

export function encodeSelection(filter: TFilter): string {
  return BSON.EJSON.stringify(toMongoQuery(filter), { relaxed: false });
}
