// A restore into another database must stay inside what the tenant owns: a database from the
// caller's list, never the shared database of a COLLECTION_PREFIX / SHARED_FIELD tenancy (that
// would write outside the tenant's prefix or predicate), never a system database.
import type { TIssue } from '../filter/filter-issue';
import type { TRestoreTarget } from './restore-spec-schema';
import type { TTenantScope } from './tenant-scope';

const SYSTEM_DATABASES = new Set(['admin', 'local', 'config']);

export function checkRestoreTarget(target: TRestoreTarget, scope: TTenantScope): TIssue[] {
  if (target.mode !== 'database') return [];
  const path = ['target', 'database'];
  const db = target.database;
  if (SYSTEM_DATABASES.has(db)) return [{ path, code: 'INVALID_ARGUMENT', message: `'${db}' is a system database` }];
  if (db === scope.tenancy.database) {
    return scope.tenancy.model === 'DATABASE'
      ? [{ path, code: 'INVALID_ARGUMENT', message: `'${db}' is the tenant's own database: use target mode 'in-place'` }]
      : [{ path, code: 'TENANT_SCOPE_VIOLATION', message: `'${db}' is shared with other tenants: restore into a database tenant '${scope.slug}' owns` }];
  }
  if (!scope.databases.includes(db)) {
    return [{ path, code: 'TENANT_SCOPE_VIOLATION', message: `database '${db}' does not belong to tenant '${scope.slug}'` }];
  }
  return [];
}
