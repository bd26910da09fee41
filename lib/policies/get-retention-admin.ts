import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { listAllLegalHolds, type TLegalHoldItem } from './list-legal-holds';

export type TLockChangeItem = {
  id: string;
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  fromDays: number;
  toDays: number;
  reason: string;
  proposedById: string;
  proposedBy: string;
  proposedAt: string;
};

export type TRetentionAdmin = {
  tenants: { id: string; slug: string; name: string; plan: string; lockDays: number }[];
  pending: TLockChangeItem[];
  holds: TLegalHoldItem[];
  /** The chosen tenant's recent snapshots that a hold can be placed on (completed, not expired). */
  selected: { tenantId: string; slug: string; snapshots: { id: string; seq: number; consistentAt: string | null; held: boolean }[] } | null;
};

/** Platform admin view: every tenant's compliance lock, pending lowerings, and legal holds. */
export async function getRetentionAdmin(args: { actor: TActor; tenantSlug?: string | null }): Promise<TRetentionAdmin> {
  assertCan(args.actor, 'tenants.manage');
  const [tenants, pending, holds] = await Promise.all([
    db.tenant.findMany({
      orderBy: { slug: 'asc' },
      select: { id: true, slug: true, name: true, retentionLockDays: true, policyTemplate: { select: { label: true } } },
    }),
    listPendingLockChangeRows(),
    listAllLegalHolds({ actor: args.actor }),
  ]);
  const chosen = args.tenantSlug ? tenants.find((t) => t.slug === args.tenantSlug) : undefined;
  const snapshots = chosen
    ? await db.snapshot.findMany({
        where: { tenantId: chosen.id, status: 'COMPLETED', expiredAt: null },
        orderBy: { seq: 'desc' },
        take: 50,
        select: { id: true, seq: true, consistentAt: true, holdReason: true },
      })
    : [];
  return {
    tenants: tenants.map((t) => ({ id: t.id, slug: t.slug, name: t.name, plan: t.policyTemplate?.label ?? 'Default', lockDays: t.retentionLockDays })),
    pending,
    holds,
    selected: chosen
      ? {
          tenantId: chosen.id,
          slug: chosen.slug,
          snapshots: snapshots.map((s) => ({ id: s.id, seq: s.seq, consistentAt: s.consistentAt?.toISOString() ?? null, held: s.holdReason !== null })),
        }
      : null,
  };
}

/** Pending lock lowerings, oldest first (shared by the admin and the approver views). */
export async function listPendingLockChangeRows(): Promise<TLockChangeItem[]> {
  const rows = await db.retentionLockChange.findMany({
    where: { status: 'PENDING' },
    orderBy: { createdAt: 'asc' },
    include: { tenant: { select: { slug: true, name: true } }, proposedBy: { select: { email: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    tenantId: r.tenantId,
    tenantSlug: r.tenant.slug,
    tenantName: r.tenant.name,
    fromDays: r.fromDays,
    toDays: r.toDays,
    reason: r.reason,
    proposedById: r.proposedById,
    proposedBy: r.proposedBy.email,
    proposedAt: r.createdAt.toISOString(),
  }));
}
