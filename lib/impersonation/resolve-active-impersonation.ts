import 'server-only';
import type { TActorImpersonation, TActorMembership } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { endImpersonationSession } from './end-impersonation-session';

/**
 * The support user's open impersonation session, re-checked on every request: a session past
 * its expiry, whose support role was revoked, whose target lost access or became a platform
 * user, or whose tenant is no longer active is ended (and audited) here, so it stops working
 * on the very next request.
 */
export async function resolveActiveImpersonation(user: {
  id: string;
  email: string;
  isSupport: boolean;
}): Promise<{ impersonation: TActorImpersonation; membership: TActorMembership } | null> {
  const s = await db.impersonationSession.findFirst({
    where: { supportUserId: user.id, endedAt: null },
    select: {
      id: true,
      reason: true,
      ticketRef: true,
      startedAt: true,
      expiresAt: true,
      isElevated: true,
      elevationStatus: true,
      targetUserId: true,
      tenant: { select: { id: true, slug: true, name: true, status: true } },
      targetUser: {
        select: {
          id: true,
          email: true,
          name: true,
          isActive: true,
          memberships: { select: { tenantId: true, role: true } },
          platformRoles: { where: { revokedAt: null }, select: { role: true } },
        },
      },
    },
  });
  if (!s) return null;
  const actor = { userId: user.id, email: user.email };
  if (s.expiresAt <= new Date()) {
    await endImpersonationSession({ sessionId: s.id, reason: 'expired', actor });
    return null;
  }
  if (!user.isSupport) {
    await endImpersonationSession({ sessionId: s.id, reason: 'support-role-revoked', actor });
    return null;
  }
  if (s.tenant.status !== 'ACTIVE') {
    await endImpersonationSession({ sessionId: s.id, reason: 'tenant-inactive', actor });
    return null;
  }
  const target = s.targetUser;
  const targetRole = target?.memberships.find((m) => m.tenantId === s.tenant.id)?.role;
  if (!target || !target.isActive || !targetRole || target.platformRoles.length > 0) {
    await endImpersonationSession({ sessionId: s.id, reason: 'target-revoked', actor });
    return null;
  }
  return {
    impersonation: {
      id: s.id,
      tenantId: s.tenant.id,
      tenantSlug: s.tenant.slug,
      tenantName: s.tenant.name,
      targetUserId: target.id,
      targetEmail: target.email,
      targetName: target.name,
      reason: s.reason,
      ticketRef: s.ticketRef,
      startedAt: s.startedAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      isElevated: s.isElevated && s.elevationStatus === 'APPROVED',
      elevationStatus: (s.elevationStatus as TActorImpersonation['elevationStatus']) ?? null,
    },
    membership: { tenantId: s.tenant.id, tenantSlug: s.tenant.slug, tenantName: s.tenant.name, role: targetRole },
  };
}
