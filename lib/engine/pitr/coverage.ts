import { EngineError } from '../errors/engine-error';
import type { TManifest } from '../format/manifest';
import type { TCapturePosition } from './capture-position';
import type { TOplogSegmentRef } from './oplog-segment';
import { tsEndOfSecond } from './pitr-entry';

/**
 * A base snapshot as PITR sees it: entries after `replayFrom` are applied to it, and it is a
 * valid base for any T ≥ `consistentTs`. For an oplog-window snapshot both are the window's end;
 * for a scan-only one, `replayFrom` is the scan start (re-applying whole-document entries over
 * documents the scan already saw is idempotent) and `consistentTs` the scan end.
 */
export type TPitrBase = { snapshotId: string; replayFrom: bigint; consistentTs: bigint };

const parseTs = (s: string) => {
  const [t, i] = s.split(':').map(Number);
  return (BigInt(t!) << 32n) | BigInt(i!);
};

export function baseOfManifest(m: TManifest): TPitrBase | null {
  const c = m.consistency;
  if (c.method === 'oplog-window' && c.oplogTo) return { snapshotId: m.snapshotId, replayFrom: parseTs(c.oplogTo), consistentTs: parseTs(c.oplogTo) };
  if (c.method === 'scan-only') {
    const start = BigInt(Math.floor(Date.parse(c.scanStartedAt) / 1000) - 1) << 32n;
    return { snapshotId: m.snapshotId, replayFrom: start, consistentTs: tsEndOfSecond(new Date(c.scanEndedAt)) };
  }
  return null; // snapshot-read: needs its cluster time recorded (not in manifests yet)
}

/** entries in (from, to] are all known. */
export type TSpan = { from: bigint; to: bigint };
export type TCoverageRange = { from: bigint; to: bigint; bases: string[] };
export type TCoverage = {
  /** Points T with from ≤ T ≤ to can be restored (a base with consistentTs ≤ T whose replay start the chain reaches). */
  ranges: TCoverageRange[];
  /** Holes between captured spans, and gaps recorded by the caller: never offered. */
  gaps: TSpan[];
  spans: TSpan[];
};

/**
 * Coverage of one tenant from its segments, the cluster capture position (quiet tails: no
 * segment is written for a tenant without entries, the position vouches for them) and recorded
 * gaps (capture results the caller persisted).
 */
export function computeCoverage(args: {
  segments: readonly TOplogSegmentRef[];
  bases: readonly TPitrBase[];
  position: TCapturePosition | null;
  recordedGaps?: readonly TSpan[];
}): TCoverage {
  const spans: TSpan[] = [];
  for (const s of [...args.segments].sort((a, b) => (a.fromTs < b.fromTs ? -1 : a.fromTs > b.fromTs ? 1 : 0))) {
    const last = spans[spans.length - 1];
    if (last && s.fromTs <= last.to) last.to = s.toTs > last.to ? s.toTs : last.to;
    else spans.push({ from: s.fromTs, to: s.toTs });
  }
  const p = args.position;
  if (p && p.through > p.since) {
    const tail = spans.find((s) => s.to >= p.since && s.from <= p.through);
    if (tail) tail.to = tail.to > p.through ? tail.to : p.through;
    else spans.push({ from: p.since, to: p.through });
    spans.sort((a, b) => (a.from < b.from ? -1 : 1));
    for (let i = spans.length - 1; i > 0; i--) {
      if (spans[i]!.from <= spans[i - 1]!.to) {
        spans[i - 1]!.to = spans[i]!.to > spans[i - 1]!.to ? spans[i]!.to : spans[i - 1]!.to;
        spans.splice(i, 1);
      }
    }
  }
  const cut = subtractGaps(spans, args.recordedGaps ?? []);
  const gaps: TSpan[] = [];
  for (let i = 1; i < cut.length; i++) gaps.push({ from: cut[i - 1]!.to, to: cut[i]!.from });
  for (const g of args.recordedGaps ?? []) if (!gaps.some((x) => x.from <= g.from && x.to >= g.to)) gaps.push({ ...g });
  gaps.sort((a, b) => (a.from < b.from ? -1 : 1));

  const ranges: TCoverageRange[] = [];
  for (const s of cut) {
    const bases = args.bases.filter((b) => b.replayFrom >= s.from && b.consistentTs <= s.to);
    if (bases.length === 0) continue;
    const from = bases.reduce((m, b) => (b.consistentTs < m ? b.consistentTs : m), bases[0]!.consistentTs);
    ranges.push({ from, to: s.to, bases: bases.map((b) => b.snapshotId) });
  }
  return { ranges, gaps, spans: cut };
}

/** A recorded gap (a, b) removes the positions a < ts < b: a span crossing it is split. */
function subtractGaps(spans: TSpan[], gaps: readonly TSpan[]): TSpan[] {
  let out = spans.map((s) => ({ ...s }));
  for (const g of gaps) {
    out = out.flatMap((s) => {
      if (g.to <= s.from || g.from >= s.to) return [s];
      const parts: TSpan[] = [];
      if (g.from > s.from) parts.push({ from: s.from, to: g.from });
      if (g.to < s.to) parts.push({ from: g.to, to: s.to });
      return parts;
    });
  }
  return out;
}

export type TPointPlan = { base: TPitrBase; at: bigint };

/**
 * The base for restoring to `at`: the newest base with consistentTs ≤ at whose replay start lies
 * in the same captured span as `at`. PITR_NOT_COVERED (naming the nearest covered ranges) otherwise.
 */
export function planPoint(coverage: TCoverage, bases: readonly TPitrBase[], at: bigint): TPointPlan {
  const span = coverage.spans.find((s) => s.from <= at && at <= s.to);
  const candidates = span ? bases.filter((b) => b.consistentTs <= at && b.replayFrom >= span.from && b.consistentTs <= span.to) : [];
  const exact = bases.find((b) => b.consistentTs === at && b.replayFrom === at);
  const pick = candidates.sort((a, b) => (a.consistentTs > b.consistentTs ? -1 : a.consistentTs < b.consistentTs ? 1 : 0))[0] ?? exact;
  if (!pick) {
    const inGap = coverage.gaps.find((g) => g.from < at && at < g.to);
    throw new EngineError('PITR_NOT_COVERED', inGap ? 'the point lies inside a capture gap' : 'no base snapshot and captured oplog reach that point', {
      at: at.toString(),
      ranges: coverage.ranges.map((r) => ({ from: r.from.toString(), to: r.to.toString() })),
    });
  }
  return { base: pick, at };
}
