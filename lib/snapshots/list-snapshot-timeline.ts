import 'server-only';
import { z } from 'zod';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { getTenantPitrCoverage, type TTenantPitrCoverage } from '@/lib/pitr/get-tenant-pitr-coverage';
import { listExpiringSoon } from '@/lib/retention-view/list-expiring-soon';
import { resolveMemberTenantIdOrThrow } from '@/lib/tenants/resolve-member-tenant-id';
import { SNAPSHOT_MARKER_SELECT, toSnapshotMarker, type TSnapshotMarker } from './snapshot-marker';

/** The widest window one request may ask for (a month view plus panning margin). */
const MAX_WINDOW_MS = 120 * 24 * 3600 * 1000;
export const TIMELINE_MAX_MARKERS = 1_500;

export const ZTimelineQuery = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), 'from must be before to')
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_WINDOW_MS, 'the window may span at most 120 days');

export type TSnapshotTimeline = {
  from: string;
  to: string;
  markers: TSnapshotMarker[];
  /** more snapshots in the window than were returned (the newest are kept) */
  isTruncated: boolean;
  /** the tenant's first and last snapshot, so the view can pan to where data is */
  bounds: { first: string; last: string } | null;
  /** point-in-time coverage of the tenant (whole, not only this window: a few ranges and gaps) */
  pitr: TTimelinePitr;
};

type TBand = { from: string; to: string };
export type TTimelinePitr = {
  status: TTenantPitrCoverage['status'];
  /** restorable points */
  coverage: TBand[];
  /** captured, but no completed backup after capture began yet */
  captured: TBand[];
  gaps: (TBand & { reason: string | null })[];
  capturedThrough: string | null;
};

/**
 * The snapshots of one time window, for the timeline: an index range scan on
 * (tenant_id, started_at), capped, so a tenant with thousands of snapshots answers in one query.
 */
export async function listSnapshotTimeline(args: { actor: TActor; slug: string; query: unknown }): Promise<TSnapshotTimeline> {
  // Authorize first: a caller who may not read this tenant learns nothing, not even "bad input".
  const tenant = { id: resolveMemberTenantIdOrThrow({ actor: args.actor, slug: args.slug, permission: 'snapshots.read' }) };
  assertCan(args.actor, 'snapshots.read', tenant.id);
  const parsed = ZTimelineQuery.safeParse(args.query);
  if (!parsed.success) throw new AppError('INVALID_INPUT', parsed.error.issues.map((i) => i.message).join('; '));
  const from = new Date(parsed.data.from);
  const to = new Date(parsed.data.to);
  // Expired snapshots leave the timeline (their history stays in the audit log).
  const [rows, bounds, expiring, pitr] = await Promise.all([
    db.snapshot.findMany({
      where: { tenantId: tenant.id, expiredAt: null, startedAt: { gte: from, lt: to } },
      orderBy: { startedAt: 'desc' },
      take: TIMELINE_MAX_MARKERS + 1,
      select: SNAPSHOT_MARKER_SELECT,
    }),
    db.snapshot.aggregate({ where: { tenantId: tenant.id, expiredAt: null }, _min: { startedAt: true }, _max: { startedAt: true } }),
    listExpiringSoon(tenant.id),
    getTenantPitrCoverage({ actor: args.actor, tenantId: tenant.id }),
  ]);
  const isTruncated = rows.length > TIMELINE_MAX_MARKERS;
  const kept = rows.slice(0, TIMELINE_MAX_MARKERS).reverse();
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    markers: kept.map((r) => ({ ...toSnapshotMarker(r), expiringSoon: expiring.has(r.id) })),
    isTruncated,
    bounds: bounds._min.startedAt && bounds._max.startedAt ? { first: bounds._min.startedAt.toISOString(), last: bounds._max.startedAt.toISOString() } : null,
    pitr: {
      status: pitr.status,
      coverage: pitr.ranges.map((r) => ({ from: r.from.at, to: r.to.at })),
      captured: pitr.captured.map((r) => ({ from: r.from.at, to: r.to.at })),
      gaps: pitr.gaps.map((g) => ({ from: g.from.at, to: g.to.at, reason: g.reason })),
      capturedThrough: pitr.capturedThrough?.at ?? null,
    },
  };
}
