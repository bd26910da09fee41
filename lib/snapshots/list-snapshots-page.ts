import 'server-only';
import { z } from 'zod';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { listExpiringSoon } from '@/lib/retention-view/list-expiring-soon';
import { resolveMemberTenantIdOrThrow } from '@/lib/tenants/resolve-member-tenant-id';
import { SNAPSHOT_MARKER_SELECT, toSnapshotMarker, type TSnapshotMarker } from './snapshot-marker';

export const ZSnapshotListQuery = z.object({
  /** keyset cursor: the seq of the last row of the previous page (newest first) */
  beforeSeq: z.coerce.number().int().positive().optional(),
  take: z.coerce.number().int().min(1).max(100).default(25),
  status: z.enum(['RUNNING', 'COMPLETED', 'FAILED']).optional(),
});

export type TSnapshotListPage = { items: TSnapshotMarker[]; nextBeforeSeq: number | null; total: number };

/** Newest first, keyset-paginated on the unique (tenant_id, seq): page 200 costs what page 1 does. */
export async function listSnapshotsPage(args: { actor: TActor; slug: string; query: unknown }): Promise<TSnapshotListPage> {
  // Authorize first: a caller who may not read this tenant learns nothing, not even "bad input".
  const tenant = { id: resolveMemberTenantIdOrThrow({ actor: args.actor, slug: args.slug, permission: 'snapshots.read' }) };
  assertCan(args.actor, 'snapshots.read', tenant.id);
  const parsed = ZSnapshotListQuery.safeParse(args.query);
  if (!parsed.success) throw new AppError('INVALID_INPUT', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const q = parsed.data;
  // Expired snapshots are not listed (their history stays in the audit log).
  const where = { tenantId: tenant.id, expiredAt: null, ...(q.status ? { status: q.status } : {}) };
  const [rows, total, expiring] = await Promise.all([
    db.snapshot.findMany({
      where: { ...where, ...(q.beforeSeq ? { seq: { lt: q.beforeSeq } } : {}) },
      orderBy: { seq: 'desc' },
      take: q.take + 1,
      select: SNAPSHOT_MARKER_SELECT,
    }),
    db.snapshot.count({ where }),
    listExpiringSoon(tenant.id),
  ]);
  const items = rows.slice(0, q.take).map((r) => ({ ...toSnapshotMarker(r), expiringSoon: expiring.has(r.id) }));
  return { items, nextBeforeSeq: rows.length > q.take ? items[items.length - 1]!.seq : null, total };
}
