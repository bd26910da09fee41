import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import type { TTenantPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';

/**
 * The id of the actor's tenant with this slug, from the memberships loadActor read from the
 * catalog on this request (active tenants only): no extra query on hot read paths (timeline,
 * snapshot list). Same answers as getTenantForActorOrThrow: NOT_FOUND for a tenant the actor is
 * no member of (or that does not exist), FORBIDDEN for a member without the permission.
 */
export function resolveMemberTenantIdOrThrow(args: { actor: TActor; slug: string; permission: TTenantPermission }): string {
  const m = args.actor.memberships.find((x) => x.tenantSlug === args.slug);
  if (!m) throw new AppError('NOT_FOUND', 'No such tenant.');
  assertCan(args.actor, args.permission, m.tenantId);
  return m.tenantId;
}
