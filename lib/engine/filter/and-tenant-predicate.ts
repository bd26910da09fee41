// For SHARED_FIELD tenancy every query carries the tenant predicate. It is ANDed outside the
// user's filter, so nothing inside the filter ($or, $nor, $not...) can widen it, and it also
// refuses documents whose tenant field is an array (an array containing the tenant's value is
// not "this tenant's document").
import { EngineError } from '../errors/engine-error';
import type { TFilter } from './filter-ast';
import { validateFieldPath } from './validate-field-path';

export type TTenantPredicate = { field: string; value: string };

export function tenantPredicateFilter(tenant: TTenantPredicate): TFilter {
  const checked = validateFieldPath(tenant.field);
  if (!checked.ok) throw new EngineError('INVALID_ARGUMENT', `tenant field: ${checked.message}`);
  return {
    kind: 'path',
    path: tenant.field,
    parts: checked.parts,
    predicates: [
      { op: 'eq', value: tenant.value },
      { op: 'not', predicates: [{ op: 'type', types: ['array'] }] },
    ],
  };
}

export function andTenantPredicate(filter: TFilter, tenant: TTenantPredicate): TFilter {
  return { kind: 'and', children: [tenantPredicateFilter(tenant), filter] };
}
