// planRestore: a parsed restore package + the snapshot's (verified) manifest -> exactly which
// snapshot documents go to which target namespace, and the hash that binds the approval. It
// reads only the snapshot (never a live target) and is deterministic: the same package, manifest
// and restore id always give the same plan and planHash.
import { EngineError } from '../errors/engine-error';
import { fingerprintBlobIds } from '../format/fingerprint';
import type { TManifest } from '../format/manifest';
import type { TRepository } from '../repo/repository';
import type { TParsedRestoreSpec } from '../restore-spec/parse-restore-spec';
import { assertPlanConfined } from './assert-plan-confined';
import { resolveLineageNamespace, resolveTargetNamespace } from './resolve-targets';
import { hashPlan, RESTORE_ID_RE, type TPlanNamespace, type TRestorePlan } from './restore-plan';
import { selectSnapshotDocuments } from './select-snapshot-documents';
import { createSnapshotReader } from './snapshot-reader';
import { encodeSelection } from './write-filters';

export type TPlanRestoreOptions = {
  /** The catalog's id for this restore: names the side namespace, the safety snapshot, lineage. */
  restoreId: string;
  /** The tenant's repository (read-only is enough). */
  repo: TRepository;
  signal?: AbortSignal;
};

export async function planRestore(parsed: TParsedRestoreSpec, manifest: TManifest, options: TPlanRestoreOptions): Promise<TRestorePlan> {
  const { spec } = parsed;
  const { restoreId, repo } = options;
  if (!RESTORE_ID_RE.test(restoreId)) throw new EngineError('INVALID_ARGUMENT', `invalid restore id ${JSON.stringify(restoreId)}`);
  if (!('snapshotId' in spec.source)) throw new EngineError('INVALID_ARGUMENT', 'point-in-time restore is not supported yet: name a snapshot');
  if (spec.source.snapshotId !== manifest.snapshotId) {
    throw new EngineError('INVALID_ARGUMENT', `the package restores ${spec.source.snapshotId}, the manifest is ${manifest.snapshotId}`, {
      snapshotId: manifest.snapshotId,
    });
  }
  const reader = createSnapshotReader(repo, manifest);
  const namespaces: TPlanNamespace[] = [];
  for (const name of parsed.namespaces) {
    const collection = manifest.collections.find((c) => c.name === name);
    if (!collection)
      throw new EngineError('INVALID_ARGUMENT', `snapshot ${manifest.snapshotId} has no collection ${name}`, { snapshotId: manifest.snapshotId });
    const documents = await selectSnapshotDocuments({ repo, manifest, collection, parsed, reader, signal: options.signal });
    namespaces.push({
      name,
      source: { ...collection.source },
      target: resolveTargetNamespace(collection, spec.target, restoreId),
      documents,
      fingerprint: fingerprintBlobIds(documents.map((d) => d[1])),
      bytes: documents.reduce((n, d) => n + d[2], 0),
      spec: collection.spec,
    });
  }
  const targetDatabase = spec.target.mode === 'database' ? spec.target.database : manifest.tenancy.database;
  const body: Omit<TRestorePlan, 'planHash'> = {
    version: 1,
    restoreId,
    tenantId: manifest.tenantId,
    snapshotId: manifest.snapshotId,
    tenancy: manifest.tenancy,
    tenantPredicate: parsed.tenantPredicate ? { field: parsed.tenantPredicate.field, value: parsed.tenantPredicate.value } : null,
    spec,
    selectionQuery: encodeSelection(parsed.filter),
    lineage: resolveLineageNamespace(manifest.tenancy, targetDatabase),
    namespaces,
    totals: {
      documents: namespaces.reduce((n, ns) => n + ns.documents.length, 0),
      bytes: namespaces.reduce((n, ns) => n + ns.bytes, 0),
    },
  };
  const plan: TRestorePlan = { ...body, planHash: hashPlan(body) };
  assertPlanConfined(plan, repo);
  return plan;
}
