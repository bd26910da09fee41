// SHARED_FIELD: a package's filter may mention the tenant field only to pin it to the tenant's
// own value (`{tenantId: "initech"}` or `$in` of just that value), never negated and never any
// other value. The tenant predicate is ANDed anyway; this makes a package that tries to reach
// another tenant fail loudly instead of silently selecting nothing.
import type { TFilter, TValuePredicate } from '../filter/filter-ast';
import type { TIssue } from '../filter/filter-issue';

function pinsOwnValue(p: TValuePredicate, value: string): boolean {
  if (p.op === 'eq') return p.value === value;
  if (p.op === 'in') return p.values.length > 0 && p.values.every((v) => v === value);
  return false;
}

export function checkTenantFieldUsage(filter: TFilter, tenantField: string, tenantValue: string): TIssue[] {
  const issues: TIssue[] = [];
  const touches = (path: string) => path === tenantField || path.startsWith(`${tenantField}.`) || tenantField.startsWith(`${path}.`);
  const walk = (node: TFilter, negated: boolean): void => {
    if (node.kind === 'path') {
      if (touches(node.path) && (negated || !node.predicates.every((p) => pinsOwnValue(p, tenantValue)))) {
        issues.push({
          path: ['selection', 'filter', node.path],
          code: 'TENANT_SCOPE_VIOLATION',
          message: `the filter may only restrict '${tenantField}' to the tenant's own value '${tenantValue}'`,
        });
      }
      return;
    }
    for (const child of node.children) walk(child, node.kind === 'nor' ? !negated : negated);
  };
  walk(filter, false);
  return issues;
}
