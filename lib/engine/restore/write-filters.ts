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

export function byIdFilter(id: unknown, tenant: TTenantPredicate | null): Document {
  return { _id: { $eq: id }, ...tenantQuery(tenant) };
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
