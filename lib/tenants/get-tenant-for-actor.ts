import 'server-only';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { recordAudit } from '@/lib/audit/append-audit';
import { actorAudit } from '@/lib/audit/audit-actor';
import { assertCan } from '@/lib/auth/assert-can';
import { membershipFor, type TActor } from '@/lib/auth/actor';
import type { TTenantPermission } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { TENANT_DTO_SELECT, type TTenantForActor } from './tenant-dto';

/**
 * Resolves a tenant by slug for this actor. Only tenants in the actor's memberships (read from
 * the catalog on this request; while impersonating, exactly the impersonated tenant) resolve, so
 * another tenant is indistinguishable from a nonexistent one (404), and a member without the
 * permission gets FORBIDDEN. What support looks at while impersonating is audited.
 */
export async function getTenantForActorOrThrow(args: { actor: TActor; slug: string; permission: TTenantPermission }): Promise<TTenantForActor> {
  const { actor, slug, permission } = args;
  const allowedIds = actor.memberships.map((m) => m.tenantId);
  const tenant = await db.tenant.findFirst({
    where: { slug, status: 'ACTIVE', id: { in: allowedIds } },
    select: TENANT_DTO_SELECT,
  });
  const role = tenant ? membershipFor(actor, tenant.id)?.role : undefined;
  if (!tenant || !role) throw new AppError('NOT_FOUND', 'No such tenant.');
  assertCan(actor, permission, tenant.id);
  if (actor.impersonation) {
    await recordAudit(
      db,
      actorAudit(actor, { action: AUDIT_ACTIONS.impersonationViewed, tenantId: tenant.id, targetType: 'permission', targetId: permission }),
    );
  }
  return { ...tenant, role };
}
