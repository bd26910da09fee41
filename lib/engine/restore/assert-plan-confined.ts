// Tenant confinement of a plan, checked before anything touches a target (dry-run, execute,
// verify, undo): every target namespace lies inside what the tenancy allows, the tenant predicate
// is exactly the snapshot's, and the plan belongs to the repository it is executed against.
import { EngineError } from '../errors/engine-error';
import type { TTenancy } from '../mongo/tenancy';
import type { TRepository } from '../repo/repository';
import { LINEAGE_COLLECTION, resolveLineageNamespace, resolveTargetNamespace } from './resolve-targets';
import type { TRestorePlan, TTargetNamespace } from './restore-plan';

const SYSTEM_DATABASES = new Set(['admin', 'local', 'config']);

export function assertPlanConfined(plan: TRestorePlan, repo: TRepository): void {
  const violation = (message: string, details: Record<string, unknown> = {}) =>
    new EngineError('TENANT_SCOPE_VIOLATION', message, { tenantId: plan.tenantId, snapshotId: plan.snapshotId, ...details });
  if (plan.tenantId !== repo.tenant.tenantId) throw violation(`plan is for tenant ${plan.tenantId}, repository is ${repo.tenant.tenantId}`);
  const expected = predicateOf(plan.tenancy);
  const given = plan.tenantPredicate;
  if (JSON.stringify(expected) !== JSON.stringify(given)) {
    throw violation('plan tenant predicate does not match the snapshot tenancy', { expected, given });
  }
  const seen = new Set<string>();
  const check = (ns: TTargetNamespace, isLineage: boolean) => {
    const key = `${ns.database}.${ns.collection}`;
    if (seen.has(key)) throw violation(`two plan entries write to ${key}`);
    seen.add(key);
    if (SYSTEM_DATABASES.has(ns.database) || ns.collection.startsWith('system.') || ns.collection.includes('$')) {
      throw violation(`target ${key} is a system namespace`);
    }
    if (!isLineage && ns.collection.endsWith(LINEAGE_COLLECTION)) throw violation(`target ${key} is the lineage collection`);
    if (!isInside(plan.tenancy, plan.spec.target.mode, ns)) throw violation(`target ${key} is outside tenant ${plan.tenantId}`);
  };
  const same = (a: TTargetNamespace, b: TTargetNamespace) => a.database === b.database && a.collection === b.collection;
  for (const ns of plan.namespaces) {
    const physical = plan.tenancy.model === 'COLLECTION_PREFIX' ? `${plan.tenancy.collectionPrefix}${ns.name}` : ns.name;
    if (!same(ns.source, { database: plan.tenancy.database, collection: physical })) {
      throw violation(`source ${ns.source.database}.${ns.source.collection} is not collection ${ns.name} of the tenancy`);
    }
    // Targets are a function of the package; anything else was edited after planning.
    if (!same(ns.target, resolveTargetNamespace(ns, plan.spec.target, plan.restoreId))) {
      throw violation(`target ${ns.target.database}.${ns.target.collection} does not follow from the package`);
    }
    check(ns.target, false);
  }
  const lineageDb = plan.spec.target.mode === 'database' ? plan.spec.target.database : plan.tenancy.database;
  if (!same(plan.lineage, resolveLineageNamespace(plan.tenancy, lineageDb))) throw violation('lineage collection does not follow from the package');
  check(plan.lineage, true);
}

function predicateOf(tenancy: TTenancy): { field: string; value: string } | null {
  if (tenancy.model !== 'SHARED_FIELD') return null;
  if (typeof tenancy.tenantValue !== 'string') {
    throw new EngineError('INVALID_ARGUMENT', 'restore supports string tenant values only (the restore package predicate is a string)');
  }
  return { field: tenancy.tenantField, value: tenancy.tenantValue };
}

function isInside(tenancy: TTenancy, mode: TRestorePlan['spec']['target']['mode'], ns: TTargetNamespace): boolean {
  if (mode === 'database') {
    // Validated against the tenant's own databases by parseRestoreSpec; never the shared one.
    return ns.database !== tenancy.database;
  }
  if (ns.database !== tenancy.database) return false;
  if (tenancy.model === 'COLLECTION_PREFIX') return ns.collection.startsWith(tenancy.collectionPrefix) && ns.collection !== tenancy.collectionPrefix;
  if (tenancy.model === 'SHARED_FIELD' && tenancy.collections && mode === 'in-place') return tenancy.collections.includes(ns.collection);
  return true;
}
