// SHARED_FIELD: before anything is written, every snapshot document the restore will write is
// read (verified against its planned blob id, by verify-source.ts) and must carry the tenant's
// own value in the tenant field; otherwise the whole restore is refused. Capture already refuses
// foreign documents, so this guards against a plan or snapshot that was put together some other way.
import { EngineError } from '../errors/engine-error';
import { tenantPredicateFilter } from '../filter/and-tenant-predicate';
import { matchesFilter } from '../filter/matches-filter';
import { decodeForFilter } from './exact-bson';
import type { TRestorePlan } from './restore-plan';

/** The per-document tenant check for the source verification pass; undefined when not SHARED_FIELD. */
export function snapshotTenancyCheck(plan: TRestorePlan): ((namespace: string, idKey: string, raw: Buffer) => void) | undefined {
  if (!plan.tenantPredicate) return undefined;
  const tenant = tenantPredicateFilter(plan.tenantPredicate);
  return (namespace, idKey, raw) => {
    if (!matchesFilter(tenant, decodeForFilter(raw))) {
      throw new EngineError('TENANT_SCOPE_VIOLATION', `plan holds ${namespace}/${idKey}, a document of another tenant; nothing was written`, {
        tenantId: plan.tenantId,
        snapshotId: plan.snapshotId,
      });
    }
  };
}
