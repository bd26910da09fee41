import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { tsToDate } from '@/lib/engine';
import { loadTenantPitrCoverage } from './load-tenant-pitr-coverage';

const iso = (ts: bigint) => tsToDate(ts).toISOString();
/** A position's wall-clock second, and the exact position (decimal) for the restore side. */
type TPoint = { at: string; ts: string };
const point = (ts: bigint): TPoint => ({ at: iso(ts), ts: ts.toString() });

export type TTenantPitrCoverage = {
  /** off: PITR is off in the policy · waiting: on, not captured yet · capturing */
  status: 'off' | 'waiting' | 'capturing';
  /** Points that can be restored: [from, to], with the base snapshots that serve them. */
  ranges: { from: TPoint; to: TPoint; baseSnapshotIds: string[] }[];
  /** Captured but not restorable yet: no completed backup after capture began. */
  captured: { from: TPoint; to: TPoint }[];
  /** Never offered: holes between captured spans and recorded gaps (with the backup queued). */
  gaps: { from: TPoint; to: TPoint; reason: string | null; backupJobId: string | null }[];
  capturedThrough: TPoint | null;
  lastSegmentAt: string | null;
  /** write committed → segment durable, for the last segment (ms; to the second) */
  lagMs: number | null;
};

/**
 * A tenant's point-in-time coverage for the portal and the restore side: which points can be
 * restored, the gaps, and the capture lag. Readers of the tenant's snapshots may see it.
 */
export async function getTenantPitrCoverage(args: { actor: TActor; tenantId: string }): Promise<TTenantPitrCoverage> {
  assertCan(args.actor, 'snapshots.read', args.tenantId);
  const s = await loadTenantPitrCoverage(args.tenantId);
  const isCapturing = s.isPitrEnabled && s.capture?.isCapturing === true;
  const hasCaptured = s.capture !== null && s.capture.throughTs > s.capture.sinceTs;
  const recorded = new Map(s.gaps.map((g) => [`${g.afterTs}/${g.beforeTs}`, g]));
  return {
    status: !s.isPitrEnabled ? 'off' : isCapturing && hasCaptured ? 'capturing' : 'waiting',
    ranges: s.coverage.ranges.map((r) => ({ from: point(r.from), to: point(r.to), baseSnapshotIds: r.bases })),
    captured: s.coverage.spans.map((r) => ({ from: point(r.from), to: point(r.to) })),
    gaps: s.coverage.gaps.map((g) => {
      const rec = recorded.get(`${g.from}/${g.to}`);
      return { from: point(g.from), to: point(g.to), reason: rec?.reason ?? null, backupJobId: rec?.backupJobId ?? null };
    }),
    capturedThrough: s.capture && hasCaptured ? point(s.capture.throughTs) : null,
    lastSegmentAt: s.capture?.lastSegmentAt?.toISOString() ?? null,
    lagMs: s.capture?.lastLagMs ?? null,
  };
}
