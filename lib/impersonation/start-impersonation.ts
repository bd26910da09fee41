import 'server-only';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { appendAudit } from '@/lib/audit/append-audit';
import type { TActor } from '@/lib/auth/actor';
import { assertCan, assertCanForTenant } from '@/lib/auth/assert-can';
import { db, Prisma } from '@/lib/db';
import { AppError, InputError } from '@/lib/errors';
import { ZStartImpersonation, type TStartImpersonation } from './schemas';

export type TStartedImpersonation = { id: string; tenantSlug: string; expiresAt: string };

/**
 * Support starts a read-only session as one user of one tenant. Refused: without the
 * permission, while already impersonating (no nesting, no second session), for a target with a
 * platform role (platform users and other support staff), for an inactive target or one who is
 * not a member of the tenant. The session and its audit event commit together.
 */
export async function startImpersonation(args: { actor: TActor; input: TStartImpersonation; origin?: string | null }): Promise<TStartedImpersonation> {
  const { actor } = args;
  assertCan(actor, 'tenants.impersonate');
  if (actor.impersonation) {
    throw new AppError('CONFLICT', 'You are already impersonating a tenant. Stop that session first (sessions cannot be nested).');
  }
  const parsed = ZStartImpersonation.safeParse(args.input);
  if (!parsed.success) throw new InputError(parsed.error.issues);
  const input = parsed.data;

  const tenant = await db.tenant.findFirst({ where: { slug: input.tenantSlug, status: 'ACTIVE' }, select: { id: true, slug: true } });
  if (!tenant) throw new AppError('NOT_FOUND', 'No such active tenant.');
  assertCanForTenant(actor, 'tenants.impersonate', tenant.id);
  const target = await db.user.findFirst({
    where: { id: input.targetUserId, memberships: { some: { tenantId: tenant.id } } },
    select: { id: true, email: true, isActive: true, platformRoles: { where: { revokedAt: null }, select: { role: true } } },
  });
  if (!target) throw new AppError('NOT_FOUND', 'That user is not a member of this tenant.');
  if (target.id === actor.userId) throw new AppError('FORBIDDEN', 'You cannot impersonate yourself.');
  if (target.platformRoles.length > 0) {
    throw new AppError('FORBIDDEN', 'Platform users and support staff cannot be impersonated.');
  }
  if (!target.isActive) throw new AppError('CONFLICT', 'That user is deactivated.');

  const startedAt = new Date();
  const expiresAt = new Date(startedAt.getTime() + input.minutes * 60_000);
  try {
    return await db.$transaction(async (tx) => {
      const s = await tx.impersonationSession.create({
        data: {
          supportUserId: actor.userId,
          tenantId: tenant.id,
          targetUserId: target.id,
          reason: input.reason,
          ticketRef: input.ticketRef.toUpperCase(),
          startedAt,
          expiresAt,
        },
        select: { id: true },
      });
      await appendAudit(tx, {
        action: AUDIT_ACTIONS.impersonationStarted,
        actorUserId: actor.userId,
        actorEmail: actor.email,
        impersonationId: s.id,
        tenantId: tenant.id,
        targetType: 'user',
        targetId: target.id,
        metadata: {
          impersonatedUser: { id: target.id, email: target.email },
          reason: input.reason,
          ticketRef: input.ticketRef.toUpperCase(),
          expiresAt: expiresAt.toISOString(),
        },
        origin: args.origin ?? null,
      });
      return { id: s.id, tenantSlug: tenant.slug, expiresAt: expiresAt.toISOString() };
    });
  } catch (e) {
    // The partial unique index (one open session per support user) catches a racing second start.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
      throw new AppError('CONFLICT', 'You already have an open impersonation session. Stop it first.');
    }
    throw e;
  }
}
