import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';

export type TUserListItem = {
  id: string;
  email: string;
  name: string;
  isActive: boolean;
  platformRoles: string[];
  memberships: { tenantSlug: string; role: string }[];
  lastSignInAt: string | null;
};

export async function listUsers({ actor }: { actor: TActor }): Promise<TUserListItem[]> {
  assertCan(actor, 'users.manage');
  const rows = await db.user.findMany({
    orderBy: { email: 'asc' },
    take: 500,
    select: {
      id: true,
      email: true,
      name: true,
      isActive: true,
      lastSignInAt: true,
      platformRoles: { where: { revokedAt: null }, select: { role: true } },
      memberships: { select: { role: true, tenant: { select: { slug: true } } } },
    },
  });
  return rows.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    isActive: u.isActive,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    platformRoles: u.platformRoles.map((g) => g.role),
    memberships: u.memberships.map((m) => ({ tenantSlug: m.tenant.slug, role: m.role })),
  }));
}
