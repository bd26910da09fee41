// Public API of the safe filter subset (re-exported by lib/engine/index.ts).
export { compileFilter, type TCompileFilterOptions, type TCompileFilterResult } from './compile-filter';
export { matchesFilter } from './matches-filter';
export { toMongoQuery } from './to-mongo-query';
export { andTenantPredicate, tenantPredicateFilter, type TTenantPredicate } from './and-tenant-predicate';
export type { TFilter } from './filter-ast';
