// Include/exclude patterns -> the tenant's logical namespaces they select. Patterns are matched
// only against the tenant's own namespaces, so a wildcard can never reach another tenant; a
// literal name the tenant does not own is a scope violation (for COLLECTION_PREFIX, a physical
// name with the tenant's own prefix gets a hint instead).
import type { TIssue } from '../filter/filter-issue';
import { matchesNamespacePattern } from './match-namespace-pattern';
import type { TTenantScope } from './tenant-scope';

export type TResolveNamespacesResult = { namespaces: string[]; issues: TIssue[] };

export function resolveNamespaces(patterns: { include: readonly string[]; exclude: readonly string[] }, scope: TTenantScope): TResolveNamespacesResult {
  const issues: TIssue[] = [];
  const owned = new Set(scope.namespaces);
  const check = (list: 'include' | 'exclude') =>
    patterns[list].forEach((pattern, i) => {
      const path = ['selection', 'namespaces', list, i];
      if (pattern.includes('*')) {
        if (list === 'include' && !scope.namespaces.some((ns) => matchesNamespacePattern(pattern, ns))) {
          issues.push({ path, code: 'INVALID_ARGUMENT', message: `'${pattern}' matches none of tenant '${scope.slug}' namespaces` });
        }
        return;
      }
      if (owned.has(pattern)) return;
      const { tenancy } = scope;
      if (tenancy.model === 'COLLECTION_PREFIX' && pattern.startsWith(tenancy.collectionPrefix) && owned.has(pattern.slice(tenancy.collectionPrefix.length))) {
        const logical = pattern.slice(tenancy.collectionPrefix.length);
        issues.push({ path, code: 'INVALID_ARGUMENT', message: `use the logical name '${logical}' (without the tenant prefix '${tenancy.collectionPrefix}')` });
        return;
      }
      issues.push({ path, code: 'TENANT_SCOPE_VIOLATION', message: `'${pattern}' is not a namespace of tenant '${scope.slug}'` });
    });
  check('include');
  check('exclude');
  const namespaces = scope.namespaces
    .filter((ns) => patterns.include.some((p) => matchesNamespacePattern(p, ns)) && !patterns.exclude.some((p) => matchesNamespacePattern(p, ns)))
    .sort();
  if (issues.length === 0 && namespaces.length === 0) {
    issues.push({ path: ['selection', 'namespaces'], code: 'INVALID_ARGUMENT', message: 'the selection excludes every namespace' });
  }
  return { namespaces, issues };
}
