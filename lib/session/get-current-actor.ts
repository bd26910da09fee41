import 'server-only';
import { cache } from 'react';
import { getServerSession } from 'next-auth';
import { db } from '@/lib/db';
import { resolveActiveImpersonation } from '@/lib/impersonation/resolve-active-impersonation';
import type { TActor } from '@/lib/auth/actor';
import { authOptions } from './options';

/** The session's user id and server-side session id, or null. The cookie holds nothing else. */
async function getSessionIdentity(): Promise<{ userId: string; sessionId: string | null } | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user as { id?: unknown; sid?: unknown } | undefined;
  if (typeof user?.id !== 'string' || user.id.length === 0) return null;
  return { userId: user.id, sessionId: typeof user.sid === 'string' && user.sid.length > 0 ? user.sid : null };
}

/** The session's user id, or null. */
export async function getSessionUserId(): Promise<string | null> {
  return (await getSessionIdentity())?.userId ?? null;
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
  const identity = await getSessionIdentity();
  const actor = identity ? await loadActor(identity.userId) : null;
  return actor ? { ...actor, sessionId: identity!.sessionId } : null;
});
