// verifyRestore: the restored selection in the target, fingerprinted with the same keyed blob
// ids as the snapshot, must equal what the plan promised: every document the restore inserted,
// updated or found unchanged is byte-identical to its snapshot version, and every document it
// deleted is gone. Documents kept by conflictPolicy 'skip' are not part of the promise.
import { throwIfAborted } from '../errors/engine-error';
import { blobIdOf, idKeyFromRaw } from '../format/document-key';
import { Fingerprint } from '../format/fingerprint';
import type { ObjectStore } from '../ports/object-store';
import { loadManifest } from '../repo/list-snapshots';
import type { TRepository } from '../repo/repository';
import { assertPlanConfined } from './assert-plan-confined';
import { findLiveByIds } from './find-live-by-ids';
import { restoreError } from './restore-error';
import { checkPlan, type TRestorePlan } from './restore-plan';
import type { RestoreTarget } from './restore-target';
import { readSafetyRecordOrThrow } from './safety-record';

export type TVerifyRestoreResult = {
  ok: boolean;
  restoreId: string;
  namespaces: {
    name: string;
    /** fingerprint of the snapshot documents the target must now hold */
    expectedFingerprint: string;
    actualFingerprint: string;
    /** the plan's fingerprint of the whole selection (equals expected unless documents were skipped) */
    planFingerprint: string;
    checked: number;
    skipped: number;
    /** id keys (first 100) whose live bytes differ from the snapshot, or that are missing */
    mismatched: string[];
    /** id keys (first 100) the restore deleted that exist again */
    notDeleted: string[];
  }[];
};

const LIST_LIMIT = 100;

export async function verifyRestore(
  planInput: TRestorePlan,
  deps: { repo: TRepository; target: RestoreTarget; safetyStore?: ObjectStore; signal?: AbortSignal },
): Promise<TVerifyRestoreResult> {
  const plan = checkPlan(planInput);
  assertPlanConfined(plan, deps.repo);
  const record = await readSafetyRecordOrThrow(deps.safetyStore ? { ...deps.repo, store: deps.safetyStore } : deps.repo, plan.restoreId);
  if (record.planHash !== plan.planHash) throw restoreError('JOURNAL_MISMATCH', 'safety snapshot belongs to another plan', { restoreId: plan.restoreId });
  const secret = await deps.repo.keys.tenantSecret(deps.repo.tenant.tenantId, 'blob-id');
  const manifest = await loadManifest(deps.repo, plan.snapshotId);
  const out: TVerifyRestoreResult['namespaces'] = [];
  for (const ns of plan.namespaces) {
    const items = record.namespaces.find((n) => n.name === ns.name)?.items ?? [];
    const expected = new Map<string, string>();
    const deleted = new Set<string>();
    let skipped = 0;
    for (const [idKey, action, snapshotBlobId] of items) {
      if (action === 'delete') deleted.add(idKey);
      else if (action === 'skip') skipped++;
      else if (snapshotBlobId) expected.set(idKey, snapshotBlobId);
    }
    const live = new Map<string, string>();
    const keys = [...expected.keys(), ...deleted];
    throwIfAborted(deps.signal);
    const collectionCount = manifest.collections.find((c) => c.name === ns.name)?.count ?? 0;
    for await (const raw of findLiveByIds(deps.target, ns.target, keys, plan.tenantPredicate, { collectionCount, signal: deps.signal })) {
      const idKey = idKeyFromRaw(raw);
      live.set(idKey, blobIdOf(secret, ns.name, idKey, raw));
    }
    const exp = new Fingerprint();
    const act = new Fingerprint();
    const mismatched: string[] = [];
    for (const [idKey, blobId] of expected) {
      exp.addBlobId(blobId);
      const got = live.get(idKey);
      if (got !== undefined) act.addBlobId(got);
      if (got !== blobId && mismatched.length < LIST_LIMIT) mismatched.push(idKey);
    }
    const notDeleted = [...deleted].filter((k) => live.has(k)).slice(0, LIST_LIMIT);
    out.push({
      name: ns.name,
      expectedFingerprint: exp.toString(),
      actualFingerprint: act.toString(),
      planFingerprint: ns.fingerprint,
      checked: expected.size + deleted.size,
      skipped,
      mismatched,
      notDeleted,
    });
  }
  const ok = out.every((n) => n.expectedFingerprint === n.actualFingerprint && n.mismatched.length === 0 && n.notDeleted.length === 0);
  return { ok, restoreId: plan.restoreId, namespaces: out };
}
