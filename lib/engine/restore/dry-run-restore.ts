// dryRunRestore: what executing the plan would do to the live target, without writing anything:
// counts per collection (computed by the same inspection execution runs), a page of per-document
// changes with field-level diffs, index/option differences, and the pre-state fingerprint the
// approval binds (execution refuses to run against a target that no longer has it).
import { BSON } from 'mongodb';
import { idFromKey, idKeyFromRaw } from '../format/document-key';
import { loadManifest } from '../repo/list-snapshots';
import type { TRepository } from '../repo/repository';
import { assertPlanConfined } from './assert-plan-confined';
import { compareCollectionSpec, type TSpecDiff } from './compare-collection-spec';
import { diffDocuments, type Delta } from './diff-documents';
import { toRelaxedEjson } from './exact-bson';
import { inspectTarget, type TDecision, type TNamespaceInspection } from './inspect-target';
import { readCollectionState } from './read-collection-state';
import type { TAction, TRestoreCounts } from './restore-counts';
import { checkPlan, type TRestorePlan, type TTargetNamespace } from './restore-plan';
import type { RestoreTarget } from './restore-target';
import { createSnapshotReader, type TSnapshotReader } from './snapshot-reader';
import { byIdsFilter } from './write-filters';

export type TDryRunDeps = { repo: TRepository; target: RestoreTarget };
export type TDryRunOptions = {
  /** 1-based */ page?: number;
  pageSize?: number;
  signal?: AbortSignal;
  /**
   * Called with every changed document, in page order, in batches of at most `eachChangeBatch`
   * (default 200): the change plus both sides (relaxed Extended JSON). Lets a caller store all
   * changes while only one batch of documents is held at a time.
   */
  eachChanges?: (batch: TDryRunChangeWithSides[], info: { seq: number; total: number }) => Promise<void>;
  eachChangeBatch?: number;
  /** `eachChanges` gets at most this many changes (the first ones, in page order); default all. */
  eachChangeLimit?: number;
};

/** A change with both documents: `live` the target's now (null for inserts), `snapshot` what would be written (null for deletes). */
export type TDryRunChangeWithSides = TDryRunChange & { live: Record<string, unknown> | null; snapshot: Record<string, unknown> | null };

export type TDryRunChange = {
  namespace: string;
  idKey: string;
  /** the document's _id, relaxed Extended JSON */
  id: unknown;
  action: Exclude<TAction, 'unchanged'>;
  /** update / skip / conflict: live -> snapshot, as a jsondiffpatch delta */
  diff?: Delta;
  /** insert: the snapshot document; delete: the live document (relaxed Extended JSON) */
  document?: Record<string, unknown>;
};

export type TDryRunResult = {
  restoreId: string;
  planHash: string;
  snapshotId: string;
  preState: { fingerprint: string; namespaces: { name: string; fingerprint: string; count: number }[] };
  counts: TRestoreCounts;
  namespaces: { name: string; target: TTargetNamespace; counts: TRestoreCounts; collection: TSpecDiff }[];
  changes: { page: number; pageSize: number; total: number; items: TDryRunChange[] };
};

export const MAX_PAGE_SIZE = 500;

export async function dryRunRestore(planInput: TRestorePlan, deps: TDryRunDeps, options: TDryRunOptions = {}): Promise<TDryRunResult> {
  const plan = checkPlan(planInput);
  assertPlanConfined(plan, deps.repo);
  const manifest = await loadManifest(deps.repo, plan.snapshotId);
  const reader = createSnapshotReader(deps.repo, manifest);
  const blobSecret = await deps.repo.keys.tenantSecret(deps.repo.tenant.tenantId, 'blob-id');
  const inspection = await inspectTarget(plan, { target: deps.target, reader, blobSecret, signal: options.signal });

  const namespaces: TDryRunResult['namespaces'] = [];
  for (const n of inspection.namespaces) {
    namespaces.push({
      name: n.ns.name,
      target: n.ns.target,
      counts: n.counts,
      collection: compareCollectionSpec(n.ns.spec, await readCollectionState(deps.target, n.ns.target)),
    });
  }
  const pageSize = Math.min(Math.max(1, Math.floor(options.pageSize ?? 50)), MAX_PAGE_SIZE);
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const changed = inspection.namespaces.flatMap((n) => n.decisions.filter((d) => d.action !== 'unchanged').map((d) => ({ n, d })));
  const slice = changed.slice((page - 1) * pageSize, page * pageSize);
  if (options.eachChanges) {
    const batch = Math.min(Math.max(1, Math.floor(options.eachChangeBatch ?? 200)), MAX_PAGE_SIZE);
    const limit = Math.min(changed.length, Math.max(0, Math.floor(options.eachChangeLimit ?? changed.length)));
    for (let seq = 0; seq < limit; seq += batch) {
      options.signal?.throwIfAborted();
      const items = await describeChanges(plan, changed.slice(seq, Math.min(seq + batch, limit)), deps.target, reader);
      await options.eachChanges(items, { seq, total: changed.length });
    }
  }
  return {
    restoreId: plan.restoreId,
    planHash: plan.planHash,
    snapshotId: plan.snapshotId,
    preState: {
      fingerprint: inspection.preStateFingerprint,
      namespaces: inspection.namespaces.map((n) => ({ name: n.ns.name, ...n.preState })),
    },
    counts: inspection.counts,
    namespaces,
    changes: { page, pageSize, total: changed.length, items: (await describeChanges(plan, slice, deps.target, reader)).map(withoutSides) },
  };
}

function withoutSides({ live: _live, snapshot: _snapshot, ...change }: TDryRunChangeWithSides): TDryRunChange {
  return change;
}

async function describeChanges(
  plan: TRestorePlan,
  slice: { n: TNamespaceInspection; d: TDecision }[],
  target: RestoreTarget,
  reader: TSnapshotReader,
): Promise<TDryRunChangeWithSides[]> {
  const live = new Map<string, Uint8Array>();
  const byNs = new Map<TNamespaceInspection, TDecision[]>();
  for (const { n, d } of slice) if (d.liveBlobId !== null) byNs.set(n, [...(byNs.get(n) ?? []), d]);
  for (const [n, ds] of byNs) {
    for await (const raw of target.find(
      n.ns.target,
      byIdsFilter(
        ds.map((d) => idFromKey(d.idKey)),
        plan.tenantPredicate,
      ),
    )) {
      live.set(`${n.ns.name}\0${idKeyFromRaw(raw)}`, raw);
    }
  }
  const out: TDryRunChangeWithSides[] = [];
  for (const { n, d } of slice) {
    const id = BSON.EJSON.serialize({ _id: idFromKey(d.idKey) }, { relaxed: true })._id;
    const change: TDryRunChange = { namespace: n.ns.name, idKey: d.idKey, id, action: d.action as TDryRunChange['action'] };
    const raw = live.get(`${n.ns.name}\0${d.idKey}`);
    const stored = d.snapshotBlobId ? await reader.read(n.ns.name, d.idKey, d.snapshotBlobId) : undefined;
    const before = raw ? toRelaxedEjson(raw) : null;
    const after = stored ? toRelaxedEjson(stored) : null;
    if (d.action === 'insert' && after) change.document = after;
    else if (d.action === 'delete' && before) change.document = before;
    else if (before && after) change.diff = diffDocuments(before, after);
    out.push({ ...change, live: before, snapshot: after });
  }
  return out;
}
