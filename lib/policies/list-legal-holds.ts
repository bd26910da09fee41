import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';

export type TLegalHoldItem = {
  snapshotId: string;
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  seq: number;
  consistentAt: string | null;
  reason: string;
  heldAt: string | null;
  heldBy: string | null;
};

const SELECT = {
  id: true,
  seq: true,
  consistentAt: true,
  holdReason: true,
  heldAt: true,
  heldById: true,
  tenant: { select: { id: true, slug: true, name: true } },
} as const;

type TRow = {
  id: string;
  seq: number;
  consistentAt: Date | null;
  holdReason: string | null;
  heldAt: Date | null;
  heldById: string | null;
  tenant: { id: string; slug: string; name: string };
};

async function toItems(rows: TRow[]): Promise<TLegalHoldItem[]> {
  const ids = [...new Set(rows.map((r) => r.heldById).filter((v): v is string => !!v))];
  const users = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } }) : [];
  const email = new Map(users.map((u) => [u.id, u.email]));
  return rows.map((r) => ({
    snapshotId: r.id,
    tenantId: r.tenant.id,
    tenantSlug: r.tenant.slug,
    tenantName: r.tenant.name,
    seq: r.seq,
    consistentAt: r.consistentAt?.toISOString() ?? null,
    reason: r.holdReason ?? '',
    heldAt: r.heldAt?.toISOString() ?? null,
    heldBy: r.heldById ? (email.get(r.heldById) ?? r.heldById) : null,
  }));
}

/** The tenant's snapshots under legal hold (its members may see them; only the platform sets them). */
export async function listLegalHolds(args: { actor: TActor; tenantId: string }): Promise<TLegalHoldItem[]> {
  assertCan(args.actor, 'tenant.read', args.tenantId);
  const rows = await db.snapshot.findMany({
    where: { tenantId: args.tenantId, holdReason: { not: null }, expiredAt: null },
    orderBy: { seq: 'desc' },
    select: SELECT,
  });
  return toItems(rows);
}

/** Every held snapshot of every tenant (platform admins). */
export async function listAllLegalHolds(args: { actor: TActor }): Promise<TLegalHoldItem[]> {
  assertCan(args.actor, 'tenants.manage');
  const rows = await db.snapshot.findMany({
    where: { holdReason: { not: null }, expiredAt: null },
    orderBy: [{ heldAt: 'desc' }],
    take: 500,
    select: SELECT,
  });
  return toItems(rows);
}
