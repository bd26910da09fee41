import 'server-only';
import { platformTenantScope, type TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';

export type TImpersonationTarget = {
  tenantSlug: string;
  tenantName: string;
  users: { id: string; email: string; name: string; role: 'TENANT_ADMIN' | 'TENANT_VIEWER' }[];
};

/** Active tenants and the members support may impersonate (active, no platform role). */
export async function listImpersonationTargets(args: { actor: TActor }): Promise<TImpersonationTarget[]> {
  assertCan(args.actor, 'tenants.impersonate');
  const scope = platformTenantScope(args.actor, 'tenants.impersonate');
  const tenants = await db.tenant.findMany({
    where: { status: 'ACTIVE', ...(scope === null ? {} : { id: { in: scope } }) },
    orderBy: { name: 'asc' },
    select: {
      slug: true,
      name: true,
      memberships: {
        where: { user: { isActive: true, platformRoles: { none: { revokedAt: null } } } },
        orderBy: { user: { email: 'asc' } },
        select: { role: true, user: { select: { id: true, email: true, name: true } } },
      },
    },
  });
  return tenants.map((t) => ({
    tenantSlug: t.slug,
    tenantName: t.name,
    users: t.memberships.map((m) => ({ ...m.user, role: m.role })),
  }));
}
