// SHARED_FIELD: before anything is written, every snapshot document the restore will write is
// read (verified against its planned blob id) and must carry the tenant's own value in the
// tenant field; otherwise the whole restore is refused. Capture already refuses foreign
// documents, so this guards against a plan or snapshot that was put together some other way.
import { EngineError, throwIfAborted } from '../errors/engine-error';
import { tenantPredicateFilter } from '../filter/and-tenant-predicate';
import { matchesFilter } from '../filter/matches-filter';
import { decodeForFilter } from './exact-bson';
import type { TInspection } from './inspect-target';
import type { TRestorePlan } from './restore-plan';
import type { TSnapshotReader } from './snapshot-reader';

export async function checkSnapshotTenancy(plan: TRestorePlan, inspection: TInspection, reader: TSnapshotReader, signal?: AbortSignal): Promise<void> {
  if (!plan.tenantPredicate) return;
  const tenant = tenantPredicateFilter(plan.tenantPredicate);
  for (const { ns, decisions } of inspection.namespaces) {
    for (const d of decisions) {
      if ((d.action !== 'insert' && d.action !== 'update') || d.snapshotBlobId === null) continue;
      throwIfAborted(signal);
      const raw = await reader.read(ns.name, d.idKey, d.snapshotBlobId);
      if (!matchesFilter(tenant, decodeForFilter(raw))) {
        throw new EngineError('TENANT_SCOPE_VIOLATION', `plan holds ${ns.name}/${d.idKey}, a document of another tenant; nothing was written`, {
          tenantId: plan.tenantId,
          snapshotId: plan.snapshotId,
        });
      }
    }
  }
}
