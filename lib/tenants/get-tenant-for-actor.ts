import { assertCan } from '@/lib/auth/assert-can';
import type { TActor } from '@/lib/auth/actor';
import type { TTenantPermission } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { TENANT_DTO_SELECT, type TTenantForActor } from './tenant-dto';

/**
 * Resolves a tenant by slug for this actor. The query itself is scoped to the actor's
 * memberships, so another tenant is indistinguishable from a nonexistent one (404), and a
 * member without the permission gets FORBIDDEN.
 */
export async function getTenantForActorOrThrow(args: {
  actor: TActor;
  slug: string;
  permission: TTenantPermission;
}): Promise<TTenantForActor> {
  const { actor, slug, permission } = args;
  const tenant = await db.tenant.findFirst({
    where: { slug, status: 'ACTIVE', memberships: { some: { userId: actor.userId } } },
    select: { ...TENANT_DTO_SELECT, memberships: { where: { userId: actor.userId }, select: { role: true } } },
  });
  const role = tenant?.memberships[0]?.role;
  if (!tenant || !role) throw new AppError('NOT_FOUND', 'No such tenant.');
  assertCan(actor, permission, tenant.id);
  const { memberships: _m, ...dto } = tenant;
  return { ...dto, role };
}
