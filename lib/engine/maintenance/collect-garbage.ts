import { randomBytes } from 'node:crypto';
import { EngineError, throwIfAborted } from '../errors/engine-error';
import { CONTENT_ID_RE, SNAPSHOT_ID_RE, tenantRoot } from '../format/layout';
import { systemClock, type Clock } from '../ports/clock';
import type { TRepository } from '../repo/repository';
import { latestGcState, newGcRunId, writeGcState, type TGcCandidate } from './gc-state';
import { markReferenced } from './mark-referenced';

// Garbage collection of one tenant's repository: list → mark → record candidates → sweep.
// See README.md for the invariants and what the catalog caller must guarantee.

export type TCollectGarbageArgs = {
  /** The tenant's repository (its store and keys); GC never lists or deletes outside `tenants/<key>/`. */
  repo: TRepository;
  /** Engine snapshot ids (manifest names) the catalog keeps: roots; each must exist. */
  keptSnapshotIds: Iterable<string>;
  /** Engine snapshot ids the catalog marked expired: their manifests become garbage. */
  expiredSnapshotIds: Iterable<string>;
  /** How long an object must stay unreferenced, across at least two runs, before it is deleted. */
  graceMs: number;
  clock?: Clock;
  /** Mark and report only: no state written, nothing deleted. */
  dryRun?: boolean;
  signal?: AbortSignal;
};

type TCount = { objects: number; bytes: number };
export type TGcReport = {
  runId: string;
  /** The state object this run wrote (null for a dry run). */
  stateKey: string | null;
  scanned: TCount;
  referenced: TCount;
  /** Unreferenced objects (packs, index segments, expired manifests), deletable or not yet. */
  candidates: TCount;
  /** Candidates first seen by this run. */
  newCandidates: number;
  /** Candidates still inside their grace period. */
  waiting: TCount;
  deleted: TCount;
  bytesFreed: number;
  deletedKeys: string[];
  /** Manifests in the store that the catalog named neither kept nor expired: kept, for the caller to reconcile. */
  unknownSnapshots: string[];
  /** Objects GC does not manage (restore safety records, GC state, anything else): never deleted. */
  untouched: number;
};

type TKind = 'pack' | 'index' | 'manifest' | 'safety' | 'gc' | 'other';

function classify(rel: string): { kind: TKind; id: string } {
  const parts = rel.split('/');
  if (parts.length === 2 && parts[0] === 'packs' && CONTENT_ID_RE.test(parts[1]!)) return { kind: 'pack', id: parts[1]! };
  if (parts.length === 2 && parts[0] === 'index' && CONTENT_ID_RE.test(parts[1]!)) return { kind: 'index', id: parts[1]! };
  if (parts.length === 2 && parts[0] === 'snapshots' && SNAPSHOT_ID_RE.test(parts[1]!)) return { kind: 'manifest', id: parts[1]! };
  if (parts.length === 3 && parts[0] === 'restores' && parts[2] === 'safety') return { kind: 'safety', id: parts[1]! };
  if (parts.length === 2 && parts[0] === 'gc') return { kind: 'gc', id: parts[1]! };
  return { kind: 'other', id: rel };
}

function snapshotIdSet(ids: Iterable<string>, what: string): Set<string> {
  const set = new Set<string>();
  for (const id of ids) {
    if (typeof id !== 'string' || !SNAPSHOT_ID_RE.test(id))
      throw new EngineError('INVALID_ARGUMENT', `${what}: ${JSON.stringify(id)} is not an engine snapshot id`);
    set.add(id);
  }
  return set;
}

/** Deletion order: manifests before the segments and packs they reference (a crash never leaves a manifest without its objects). */
const SWEEP_ORDER: TKind[] = ['manifest', 'index', 'pack'];

export async function collectGarbage(args: TCollectGarbageArgs): Promise<TGcReport> {
  const { repo, signal } = args;
  const clock = args.clock ?? systemClock;
  if (!Number.isFinite(args.graceMs) || args.graceMs < 0)
    throw new EngineError('INVALID_ARGUMENT', `graceMs must be a non-negative number, got ${args.graceMs}`);
  const kept = snapshotIdSet(args.keptSnapshotIds, 'keptSnapshotIds');
  const expired = snapshotIdSet(args.expiredSnapshotIds, 'expiredSnapshotIds');
  const both = [...kept].filter((id) => expired.has(id));
  if (both.length > 0) throw new EngineError('INVALID_ARGUMENT', `snapshot ${both[0]} is both kept and expired`, { snapshotId: both[0] });

  const root = tenantRoot(repo.tenant.tenantKey);
  const now = clock.now();
  const runId = newGcRunId(now, randomBytes(4).toString('hex'));

  // 1. List the tenant's prefix (and nothing else).
  const listed = new Map<string, number>();
  const kinds = new Map<string, { kind: TKind; id: string }>();
  for await (const { key, size } of repo.store.list(root)) {
    if (!key.startsWith(root)) throw new EngineError('STORE_ERROR', `listing ${root} returned ${key}, outside the tenant's prefix`, { objectKey: key });
    listed.set(key, size);
    kinds.set(key, classify(key.slice(root.length)));
  }
  throwIfAborted(signal);
  const manifests = [...kinds].filter(([, c]) => c.kind === 'manifest').map(([, c]) => c.id);
  const unknownSnapshots = manifests.filter((id) => !kept.has(id) && !expired.has(id)).sort();
  const restoreIds = [...kinds.values()].filter((c) => c.kind === 'safety').map((c) => c.id);

  // 2. Mark: kept snapshots, unknown manifests (never guess they are garbage) and safety records.
  const { referenced } = await markReferenced({ repo, roots: { snapshotIds: [...kept, ...unknownSnapshots], restoreIds }, listed, signal });

  // 3. Candidates, with the time an earlier run first saw them (grace runs across runs).
  const prev = await latestGcState(
    repo,
    [...kinds].filter(([, c]) => c.kind === 'gc').map(([k]) => k),
  );
  const candidates: (TGcCandidate & { kind: TKind; deletable: boolean })[] = [];
  for (const [key, c] of kinds) {
    const collectable = c.kind === 'pack' || c.kind === 'index' || (c.kind === 'manifest' && expired.has(c.id));
    if (!collectable || referenced.has(key)) continue;
    const before = prev?.candidates.get(key);
    const firstSeenAt = before?.firstSeenAt ?? now.getTime();
    candidates.push({ key, size: listed.get(key)!, firstSeenAt, kind: c.kind, deletable: before !== undefined && now.getTime() - firstSeenAt >= args.graceMs });
  }
  throwIfAborted(signal);

  const count = (xs: { size: number }[]): TCount => ({ objects: xs.length, bytes: xs.reduce((n, x) => n + x.size, 0) });
  const report: TGcReport = {
    runId,
    stateKey: null,
    scanned: count([...listed.values()].map((size) => ({ size }))),
    referenced: count([...referenced.values()].map((size) => ({ size }))),
    candidates: count(candidates),
    newCandidates: candidates.filter((c) => !prev?.candidates.has(c.key)).length,
    waiting: count(candidates.filter((c) => !c.deletable)),
    deleted: { objects: 0, bytes: 0 },
    bytesFreed: 0,
    deletedKeys: [],
    unknownSnapshots,
    untouched: [...kinds.values()].filter((c) => c.kind === 'safety' || c.kind === 'gc' || c.kind === 'other').length,
  };
  if (args.dryRun) return report;

  // 4. Record the candidates before deleting anything, so a crash mid-sweep loses no history.
  report.stateKey = await writeGcState(repo, runId, now, candidates);

  // 5. Sweep: only candidates an earlier run recorded and the grace period has passed for.
  for (const kind of SWEEP_ORDER) {
    for (const c of candidates) {
      if (c.kind !== kind || !c.deletable) continue;
      throwIfAborted(signal);
      if (!c.key.startsWith(root) || referenced.has(c.key)) throw new EngineError('STORE_ERROR', `refusing to delete ${c.key}`, { objectKey: c.key });
      await repo.store.delete(c.key);
      report.deleted.objects++;
      report.deleted.bytes += c.size;
      report.deletedKeys.push(c.key);
    }
  }
  report.bytesFreed = report.deleted.bytes;

  // 6. Older state objects are superseded by the one written above.
  for (const [key, c] of kinds) {
    if (c.kind !== 'gc' || key === report.stateKey) continue;
    throwIfAborted(signal);
    await repo.store.delete(key);
  }
  return report;
}
