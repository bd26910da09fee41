import 'server-only';
import { platformTenantScope, type TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';

export type TPendingElevation = {
  sessionId: string;
  tenantSlug: string;
  tenantName: string;
  supportEmail: string;
  targetEmail: string | null;
  sessionReason: string;
  ticketRef: string;
  elevationReason: string | null;
  requestedAt: string | null;
  expiresAt: string;
  isOwn: boolean;
};

/** Open sessions waiting for an approver to allow changes, oldest request first. */
export async function listPendingElevations(args: { actor: TActor }): Promise<TPendingElevation[]> {
  assertCan(args.actor, 'impersonation.approve');
  const scope = platformTenantScope(args.actor, 'impersonation.approve');
  const rows = await db.impersonationSession.findMany({
    where: { elevationStatus: 'PENDING', endedAt: null, expiresAt: { gt: new Date() }, ...(scope === null ? {} : { tenantId: { in: scope } }) },
    orderBy: { elevationRequestedAt: 'asc' },
    take: 100,
    select: {
      id: true,
      supportUserId: true,
      reason: true,
      ticketRef: true,
      elevationReason: true,
      elevationRequestedAt: true,
      expiresAt: true,
      tenant: { select: { slug: true, name: true } },
      supportUser: { select: { email: true } },
      targetUser: { select: { email: true } },
    },
  });
  return rows.map((r) => ({
    sessionId: r.id,
    tenantSlug: r.tenant.slug,
    tenantName: r.tenant.name,
    supportEmail: r.supportUser.email,
    targetEmail: r.targetUser?.email ?? null,
    sessionReason: r.reason,
    ticketRef: r.ticketRef,
    elevationReason: r.elevationReason,
    requestedAt: r.elevationRequestedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt.toISOString(),
    isOwn: r.supportUserId === args.actor.userId,
  }));
}
