import 'server-only';
import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { db } from '@/lib/db';
import { resolveActiveImpersonation } from '@/lib/impersonation/resolve-active-impersonation';
import type { TActor } from '@/lib/auth/actor';
import { authOptions } from './options';

/** The session's user id, or null. The cookie holds nothing else. */
export async function getSessionUserId(): Promise<string | null> {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && id.length > 0 ? id : null;
}

/** Loads roles and memberships from the catalog, so a revoked role is gone on the next request. */
export async function loadActor(userId: string): Promise<TActor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      isActive: true,
      memberships: {
        where: { tenant: { status: 'ACTIVE' } },
        select: { role: true, tenant: { select: { id: true, slug: true, name: true } } },
        orderBy: { tenant: { name: 'asc' } },
      },
      platformRoles: { where: { revokedAt: null }, select: { role: true, tenantScope: true } },
    },
  });
  if (!user || !user.isActive) return null;
  const platformRoles = user.platformRoles.map((g) => g.role);
  const actor: TActor = {
    userId: user.id,
    email: user.email,
    name: user.name,
    platformRoles,
    platformScopes: Object.fromEntries(user.platformRoles.filter((g) => g.tenantScope.length > 0).map((g) => [g.role, g.tenantScope])),
    memberships: user.memberships.map((m) => ({
      tenantId: m.tenant.id,
      tenantSlug: m.tenant.slug,
      tenantName: m.tenant.name,
      role: m.role,
    })),
    impersonation: null,
  };
  // Support staff may have an open impersonation session (re-validated on every request). While
  // it lasts, the actor sees exactly the impersonated tenant, with the target user's role.
  const active = await resolveActiveImpersonation({ id: user.id, email: user.email, isSupport: platformRoles.includes('SUPPORT') });
  if (active) {
    actor.impersonation = active.impersonation;
    actor.memberships = [active.membership];
  }
  return actor;
}

/** Per-request memoised current actor (null when signed out or deactivated). */
export const getCurrentActor = cache(async (): Promise<TActor | null> => {
  const userId = await getSessionUserId();
  return userId ? loadActor(userId) : null;
});
