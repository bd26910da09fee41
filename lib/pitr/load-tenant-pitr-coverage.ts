import 'server-only';
import { db } from '@/lib/db';
import { baseOfManifest, computeCoverage, listOplogSegments, tsToDate, type TCoverage, type TOplogSegmentRef, type TPitrBase } from '@/lib/engine';
import { loadEffectivePolicy } from '@/lib/policies/load-effective-policy';
import { loadManifestCached, openReadOnlyRepository } from '@/lib/vault/shared-engine-context';

/** The newest snapshots considered as bases (their manifests are read). */
const MAX_BASES = 200;

export type TTenantPitrState = {
  isPitrEnabled: boolean;
  /** null: the capture never picked the tenant up */
  capture: {
    isCapturing: boolean;
    sinceTs: bigint;
    throughTs: bigint;
    lastSegmentToTs: bigint | null;
    lastSegmentAt: Date | null;
    lastLagMs: number | null;
  } | null;
  gaps: { id: string; afterTs: bigint; beforeTs: bigint; reason: string; backupJobId: string | null; createdAt: Date }[];
  segments: TOplogSegmentRef[];
  bases: TPitrBase[];
  coverage: TCoverage;
};

/**
 * Internal (no authorization: callers have authorized the actor for `tenantId`, or are the
 * platform): one tenant's point-in-time state from the catalog (its capture row, the gaps
 * recorded for it) and its repository (segments, base snapshots) — `computeCoverage` with the
 * tenant's own position, so time before it joined the capture is never offered. Every catalog
 * read is scoped by `tenantId`. The restore side plans points with `planPoint(coverage, bases, T)`.
 */
export async function loadTenantPitrCoverage(tenantId: string): Promise<TTenantPitrState> {
  const [policy, capture, gapRows] = await Promise.all([
    loadEffectivePolicy(db, tenantId),
    db.pitrTenantCapture.findUnique({
      where: { tenantId },
      select: { isCapturing: true, sinceTs: true, throughTs: true, lastSegmentToTs: true, lastSegmentAt: true, lastLagMs: true },
    }),
    db.pitrGap.findMany({ where: { tenantIds: { has: tenantId } }, orderBy: { afterTs: 'asc' }, take: 500 }),
  ]);
  const gaps = gapRows.map((g) => {
    const job = (g.backupJobs as Record<string, { jobId?: string } | undefined>)[tenantId];
    return { id: g.id, afterTs: g.afterTs, beforeTs: g.beforeTs, reason: g.reason, backupJobId: job?.jobId ?? null, createdAt: g.createdAt };
  });
  const empty: TCoverage = { ranges: [], gaps: [], spans: [] };
  if (!capture) return { isPitrEnabled: policy.policy.pitr.enabled, capture: null, gaps, segments: [], bases: [], coverage: empty };

  const { repo } = await openReadOnlyRepository(tenantId);
  const segments = await listOplogSegments(repo);
  const earliest = segments.reduce((m, s) => (s.fromTs < m ? s.fromTs : m), capture.sinceTs);
  // A base must start replaying inside a captured span, so only snapshots begun after capture began qualify.
  const snapshots = await db.snapshot.findMany({
    where: { tenantId, status: 'COMPLETED', expiredAt: null, manifestKey: { not: null }, startedAt: { gte: new Date(tsToDate(earliest).getTime() - 2_000) } },
    orderBy: { seq: 'desc' },
    take: MAX_BASES,
    select: { id: true },
  });
  const bases: TPitrBase[] = [];
  for (const s of snapshots) {
    const base = baseOfManifest(await loadManifestCached(repo, tenantId, s.id));
    if (base) bases.push(base);
  }
  const coverage = computeCoverage({
    segments,
    bases,
    position: { through: capture.throughTs, since: capture.sinceTs },
    recordedGaps: gaps.map((g) => ({ from: g.afterTs, to: g.beforeTs })),
  });
  return { isPitrEnabled: policy.policy.pitr.enabled, capture, gaps, segments, bases, coverage };
}
