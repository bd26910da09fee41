// Random restore scenarios for property tests: how the live target drifted since the snapshot
// (documents modified, deleted, created; the other tenant's documents are always there), which
// selection, policy, deleteExtraneous and target mode the package asks for, plus an independent
// model of what the target must hold afterwards, written straight from the README's rules.
import fc from 'fast-check';
import { BSON, type Document } from 'mongodb';
import { makeDoc, restorePackage, type TRestoreFixture } from './restore-fixture';
import type { MemoryRestoreTarget } from './memory-restore-target';

const STATUSES = ['open', 'paid', 'shipped'];
const COLLS = ['orders', 'events'] as const;

export type TScenario = {
  drift: { coll: (typeof COLLS)[number]; i: number; change: 'modify' | 'restatus' | 'delete' }[];
  created: { coll: (typeof COLLS)[number]; j: number; status: string; amount: number }[];
  selection: { kind: 'all' } | { kind: 'status'; status: string } | { kind: 'amount'; min: number } | { kind: 'ids'; picks: number[] };
  namespaces: string[];
  policy: 'skip' | 'overwrite' | 'fail';
  deleteExtraneous: boolean;
  mode: 'in-place' | 'side-namespace';
  /** side-namespace: pre-fill the side collection with some drifted documents */
  prefill: boolean;
};

export function scenarioArb(
  policies: readonly TScenario['policy'][] = ['skip', 'overwrite', 'fail'],
  changes: readonly TScenario['drift'][number]['change'][] = ['modify', 'restatus', 'delete'],
): fc.Arbitrary<TScenario> {
  const coll = fc.constantFrom(...COLLS);
  return fc.record({
    drift: fc.array(fc.record({ coll, i: fc.nat(23), change: fc.constantFrom(...changes) }), { maxLength: 12 }),
    created: fc.array(fc.record({ coll, j: fc.nat(6), status: fc.constantFrom(...STATUSES), amount: fc.nat(100) }), { maxLength: 5 }),
    selection: fc.oneof(
      fc.constant({ kind: 'all' as const }),
      fc.record({ kind: fc.constant('status' as const), status: fc.constantFrom(...STATUSES) }),
      fc.record({ kind: fc.constant('amount' as const), min: fc.nat(100) }),
      fc.record({ kind: fc.constant('ids' as const), picks: fc.array(fc.nat(40), { minLength: 1, maxLength: 8 }) }),
    ),
    namespaces: fc.constantFrom(['orders'], ['events'], ['*']),
    policy: fc.constantFrom(...policies),
    deleteExtraneous: fc.boolean(),
    mode: fc.constantFrom('in-place' as const, 'in-place' as const, 'side-namespace' as const),
    prefill: fc.boolean(),
  });
}

/** _id of pick p: 0-29 the tenant's snapshot documents, 30-36 created ones, 37+ the other tenant's. */
const idOfPick = (p: number) => (p < 30 ? makeDoc('initech', p)._id : p < 37 ? makeDoc('initech', 100 + p - 30)._id : makeDoc('initrode', p - 37)._id);

function selects(s: TScenario['selection'], d: Document): boolean {
  if (s.kind === 'all') return true;
  if (s.kind === 'status') return d.status === s.status;
  if (s.kind === 'amount') return d.amount >= s.min;
  return s.picks.some((p) => idOfPick(p).equals(d._id));
}

export const sideName = (coll: string, restoreId: string) => `${coll}__restore_${restoreId}`;

/** Applies the drift to `target` (a clone of the snapshot state) and returns the package. */
export function applyScenario(f: TRestoreFixture, target: MemoryRestoreTarget, s: TScenario, restoreId: string): Record<string, unknown> {
  const live = (coll: string) => f.ns(coll);
  for (const d of s.drift) {
    const base = makeDoc('initech', d.i, { kind: d.coll });
    if (d.i >= (f.docs[d.coll]?.length ?? 0)) continue;
    if (d.change === 'delete') target.remove(live(d.coll), base._id);
    else target.insert(live(d.coll), { ...base, amount: 1000 + d.i, ...(d.change === 'restatus' ? { status: STATUSES[(d.i + 1) % 3] } : {}) });
  }
  for (const c of s.created) target.insert(live(c.coll), makeDoc('initech', 100 + c.j, { kind: c.coll, status: c.status, amount: c.amount }));
  if (s.mode === 'side-namespace' && s.prefill) {
    for (const coll of COLLS) {
      const side = { database: f.ns(coll).database, collection: sideName(coll, restoreId) };
      target
        .docs(live(coll))
        .filter((d, k) => d.tenantId === 'initech' && k % 3 === 0)
        .forEach((d) => target.insert(side, d));
      target.insert(side, makeDoc('initrode', 0, { kind: coll }));
    }
  }
  const selection: Document = { namespaces: { include: s.namespaces } };
  if (s.selection.kind === 'status') selection.filter = { status: s.selection.status };
  if (s.selection.kind === 'amount') selection.filter = { amount: { $gte: s.selection.min } };
  if (s.selection.kind === 'ids') selection.documentIds = [...new Set(s.selection.picks.map((p) => idOfPick(p).toHexString()))].map(($oid) => ({ $oid }));
  return restorePackage(f.manifest, { selection, conflictPolicy: s.policy, deleteExtraneous: s.deleteExtraneous, target: { mode: s.mode } });
}

/** The README's rules, applied by hand: the state the target must end in (hex BSON per namespace). */
export function modelOutcome(
  f: TRestoreFixture,
  before: MemoryRestoreTarget,
  s: TScenario,
  restoreId: string,
): { state: Record<string, string[]>; aborts: boolean } {
  const out = before.clone();
  const colls = s.namespaces[0] === '*' ? [...COLLS] : s.namespaces;
  let aborts = false;
  const hex = (d: Document) => Buffer.from(BSON.serialize(d)).toString('hex');
  for (const coll of colls) {
    const ns = s.mode === 'in-place' ? f.ns(coll) : { database: f.ns(coll).database, collection: sideName(coll, restoreId) };
    const snap = f.docs[coll] ?? [];
    const snapIds = new Set(snap.map((d) => d._id.toHexString()));
    const liveById = new Map(
      out
        .docs(ns)
        .filter((d) => d.tenantId === 'initech')
        .map((d) => [d._id.toHexString(), d]),
    );
    for (const d of snap.filter((x) => selects(s.selection, x))) {
      const l = liveById.get(d._id.toHexString());
      if (l && hex(l) !== hex(d)) {
        if (s.policy === 'fail') aborts = true;
        if (s.policy !== 'overwrite') continue;
      }
      out.insert(ns, d);
    }
    if (s.deleteExtraneous) {
      for (const [id, l] of liveById) if (!snapIds.has(id) && selects(s.selection, l)) out.remove(ns, l._id);
    }
  }
  return { state: aborts ? before.state() : out.state(), aborts };
}

/** A target state without the lineage collections (they hold timestamps) and empty collections. */
export const dataState = (t: MemoryRestoreTarget) =>
  Object.fromEntries(Object.entries(t.state()).filter(([k, docs]) => !k.endsWith('__vaultline_lineage') && docs.length > 0));
