import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';

export type TSupportSessionItem = {
  id: string;
  tenantSlug: string;
  tenantName: string;
  targetEmail: string | null;
  reason: string;
  ticketRef: string;
  startedAt: string;
  expiresAt: string;
  endedAt: string | null;
  endReason: string | null;
  state: 'active' | 'ended';
  elevationStatus: string | null;
};

/** The support user's own sessions, newest first (another support user's are never listed). */
export async function listSupportSessions(args: { actor: TActor; take?: number }): Promise<TSupportSessionItem[]> {
  assertCan(args.actor, 'tenants.impersonate');
  const rows = await db.impersonationSession.findMany({
    where: { supportUserId: args.actor.userId },
    orderBy: { startedAt: 'desc' },
    take: Math.min(args.take ?? 20, 100),
    select: {
      id: true,
      reason: true,
      ticketRef: true,
      startedAt: true,
      expiresAt: true,
      endedAt: true,
      endReason: true,
      elevationStatus: true,
      tenant: { select: { slug: true, name: true } },
      targetUser: { select: { email: true } },
    },
  });
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    tenantSlug: r.tenant.slug,
    tenantName: r.tenant.name,
    targetEmail: r.targetUser?.email ?? null,
    reason: r.reason,
    ticketRef: r.ticketRef,
    startedAt: r.startedAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
    endReason: r.endReason ?? (r.endedAt === null && r.expiresAt.getTime() <= now ? 'expired' : null),
    state: r.endedAt === null && r.expiresAt.getTime() > now ? 'active' : 'ended',
    elevationStatus: r.elevationStatus,
  }));
}
