// Compares a plan with the live target without writing: one decision per affected document and
// the target's pre-state fingerprint. The dry-run and execution both call this, so the counts
// the dry-run shows are computed by the same code that drives the writes.
import { throwIfAborted, EngineError } from '../errors/engine-error';
import { tenantPredicateFilter } from '../filter/and-tenant-predicate';
import { matchesFilter } from '../filter/matches-filter';
import { blobIdOf, idKeyFromRaw } from '../format/document-key';
import { Fingerprint } from '../format/fingerprint';
import { canonicalHash } from './canonical-json';
import { decodeForFilter } from './exact-bson';
import { countActions, type TAction, type TRestoreCounts } from './restore-counts';
import type { TPlanNamespace, TRestorePlan } from './restore-plan';
import type { RestoreTarget } from './restore-target';
import type { TSnapshotReader } from './snapshot-reader';
import { findLiveByIds } from './find-live-by-ids';
import { selectionTargetQuery } from './write-filters';

export { ID_CHUNK } from './find-live-by-ids';

export type TDecision = {
  idKey: string;
  action: TAction;
  /** the planned snapshot blob (null for delete) */
  snapshotBlobId: string | null;
  /** the live document's blob id before the restore (null when absent) */
  liveBlobId: string | null;
  /** bytes this decision moves: snapshot length for insert/update, live length for delete */
  length: number;
};

export type TNamespaceInspection = {
  ns: TPlanNamespace;
  decisions: TDecision[];
  preState: { fingerprint: string; count: number };
  counts: TRestoreCounts;
  /** the snapshot collection's size (chooses how live documents are read by id) */
  collectionCount: number;
};
export type TInspection = { namespaces: TNamespaceInspection[]; preStateFingerprint: string; counts: TRestoreCounts };

export type TInspectDeps = { target: RestoreTarget; reader: TSnapshotReader; blobSecret: Buffer; signal?: AbortSignal };

export async function inspectTarget(plan: TRestorePlan, deps: TInspectDeps): Promise<TInspection> {
  const namespaces: TNamespaceInspection[] = [];
  for (const ns of plan.namespaces) namespaces.push(await inspectNamespace(plan, ns, deps));
  const counts = countActions(namespaces.flatMap((n) => n.decisions.map((d) => d.action)));
  return { namespaces, preStateFingerprint: preStateFingerprintOf(namespaces), counts };
}

export function preStateFingerprintOf(namespaces: readonly Pick<TNamespaceInspection, 'ns' | 'preState'>[]): string {
  return canonicalHash(
    'vaultline/restore-prestate/v1',
    namespaces.map((n) => [n.ns.name, n.ns.target.database, n.ns.target.collection, n.preState.fingerprint, n.preState.count]),
  );
}

async function inspectNamespace(plan: TRestorePlan, ns: TPlanNamespace, deps: TInspectDeps): Promise<TNamespaceInspection> {
  const tenant = plan.tenantPredicate;
  const tenantFilter = tenant ? tenantPredicateFilter(tenant) : null;
  const live = new Map<string, { blobId: string; length: number }>();
  const addLive = (raw: Uint8Array) => {
    // Defence in depth: the query carries the predicate; a foreign document here is a server bug.
    if (tenantFilter && !matchesFilter(tenantFilter, decodeForFilter(raw))) {
      throw new EngineError('TENANT_SCOPE_VIOLATION', `target returned a document outside tenant ${plan.tenantId} in ${ns.target.collection}`);
    }
    const idKey = idKeyFromRaw(raw);
    live.set(idKey, { blobId: blobIdOf(deps.blobSecret, ns.name, idKey, raw), length: raw.byteLength });
    return idKey;
  };

  const collectionCount = deps.reader.collection(ns.name).count;
  const ids = ns.documents.map(([idKey]) => idKey);
  for await (const raw of findLiveByIds(deps.target, ns.target, ids, tenant, { collectionCount, signal: deps.signal })) addLive(raw);
  const planned = new Map(ns.documents.map(([idKey, blobId, length]) => [idKey, { blobId, length }]));
  const decisions: TDecision[] = [];
  if (plan.spec.deleteExtraneous) {
    const candidates: string[] = [];
    for await (const raw of deps.target.find(ns.target, selectionTargetQuery(plan.selectionQuery, tenant))) {
      const idKey = addLive(raw);
      if (!planned.has(idKey)) candidates.push(idKey);
    }
    // Only what the snapshot does not have at all is extraneous; a document whose snapshot
    // version lies outside the selection is left alone (see README).
    for (const idKey of candidates) {
      throwIfAborted(deps.signal);
      if ((await deps.reader.entry(ns.name, idKey)) === null) {
        const l = live.get(idKey)!;
        decisions.push({ idKey, action: 'delete', snapshotBlobId: null, liveBlobId: l.blobId, length: l.length });
      }
    }
  }
  const policy = plan.spec.conflictPolicy;
  for (const [idKey, blobId, length] of ns.documents) {
    const l = live.get(idKey);
    const action: TAction = !l ? 'insert' : l.blobId === blobId ? 'unchanged' : policy === 'overwrite' ? 'update' : policy === 'skip' ? 'skip' : 'conflict';
    decisions.push({ idKey, action, snapshotBlobId: blobId, liveBlobId: l?.blobId ?? null, length });
  }
  decisions.sort((a, b) => (a.idKey < b.idKey ? -1 : a.idKey > b.idKey ? 1 : 0));
  const fp = new Fingerprint();
  for (const l of live.values()) fp.addBlobId(l.blobId);
  return { ns, decisions, preState: { fingerprint: fp.toString(), count: fp.count }, counts: countActions(decisions.map((d) => d.action)), collectionCount };
}
