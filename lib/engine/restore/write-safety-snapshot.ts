// The safety snapshot: before the first write, the pre-restore bytes of every document the
// restore will overwrite or delete are stored through the ObjectStore in repository-format packs
// (compressed, encrypted under the tenant's keys), and the decisions go into a sealed record.
// This is what undo restores. Each document is re-read and must still be exactly what the
// inspection saw (blob id; still absent for inserts), else the plan is stale and nothing is written.
import { throwIfAborted } from '../errors/engine-error';
import { blobIdOf, idKeyFromRaw } from '../format/document-key';
import { createPackWriter, type TBlobRef } from '../format/pack-writer';
import type { Clock } from '../ports/clock';
import type { TRepository } from '../repo/repository';
import { findLiveByIds } from './find-live-by-ids';
import type { TInspection } from './inspect-target';
import { isWriteAction } from './restore-counts';
import { restoreError } from './restore-error';
import type { TRestorePlan } from './restore-plan';
import type { RestoreTarget } from './restore-target';
import { putSafetyRecord, type TSafetyItem, type TSafetyRecord } from './safety-record';

export type TSafetyDeps = { repo: TRepository; target: RestoreTarget; blobSecret: Buffer; clock: Clock; signal?: AbortSignal };

export async function writeSafetySnapshot(plan: TRestorePlan, inspection: TInspection, deps: TSafetyDeps): Promise<TSafetyRecord> {
  const { repo } = deps;
  const packs = createPackWriter({
    tenant: repo.tenant,
    keys: repo.keys,
    store: repo.store,
    codec: repo.options.codec,
    targetPackBytes: repo.options.targetPackBytes,
    frameBytes: repo.options.frameBytes,
  });
  const pending: { item: TSafetyItem; ref: TBlobRef }[] = [];
  const namespaces: TSafetyRecord['namespaces'] = [];
  for (const { ns, decisions, collectionCount } of inspection.namespaces) {
    const items = decisions.map((d): TSafetyItem => [d.idKey, d.action, d.snapshotBlobId, d.liveBlobId, d.length, null]);
    const byKey = new Map(items.map((it) => [it[0], it]));
    const writes = decisions.filter((d) => isWriteAction(d.action));
    throwIfAborted(deps.signal);
    const seen = new Set<string>();
    const ids = writes.map((d) => d.idKey);
    for await (const raw of findLiveByIds(deps.target, ns.target, ids, plan.tenantPredicate, { collectionCount, signal: deps.signal })) {
      const idKey = idKeyFromRaw(raw);
      const item = byKey.get(idKey);
      if (!item || !isWriteAction(item[1])) continue;
      seen.add(idKey);
      const blobId = blobIdOf(deps.blobSecret, ns.name, idKey, raw);
      if (blobId !== item[3]) throw stale(ns.name, idKey);
      pending.push({ item, ref: await packs.add(ns.name, blobId, raw) });
    }
    for (const d of writes) if (d.liveBlobId !== null && !seen.has(d.idKey)) throw stale(ns.name, d.idKey);
    namespaces.push({ name: ns.name, target: ns.target, items });
  }
  const stored = await packs.finish();
  const packIndex = new Map(stored.map((p, i) => [p.id, i]));
  for (const { item, ref } of pending) {
    const index = ref.slot.info ? packIndex.get(ref.slot.info.id) : undefined;
    if (index === undefined) throw new Error('safety snapshot: a document was not stored in any pack');
    item[5] = [index, ref.frame, ref.offset, ref.length];
  }
  const record: TSafetyRecord = {
    v: 1,
    kind: 'restore-safety',
    restoreId: plan.restoreId,
    planHash: plan.planHash,
    tenantId: plan.tenantId,
    snapshotId: plan.snapshotId,
    tenantPredicate: plan.tenantPredicate,
    preStateFingerprint: inspection.preStateFingerprint,
    createdAt: deps.clock.now().toISOString(),
    lineage: plan.lineage,
    packs: stored,
    namespaces,
  };
  const { record: kept, created } = await putSafetyRecord(repo, record);
  if (!created && (kept.planHash !== plan.planHash || kept.preStateFingerprint !== record.preStateFingerprint)) {
    throw restoreError('JOURNAL_MISMATCH', `restore ${plan.restoreId} already has a safety snapshot of another plan or pre-state`, {
      restoreId: plan.restoreId,
    });
  }
  return kept;
}

const stale = (name: string, idKey: string) =>
  restoreError('PLAN_STALE', `target changed while the safety snapshot was taken (${name}/${idKey}); nothing was written`, { namespace: name, idKey });
