import type { TActor } from '@/lib/auth/actor';
import type { TTenantPermission } from '@/lib/auth/permissions';
import { InputError } from '@/lib/errors';
import { resolveMemberTenantIdOrThrow } from '@/lib/tenants/resolve-member-tenant-id';
import { ZTenantSlug } from './schemas';

export type TActionTenant = { id: string; slug: string; name: string };

/**
 * The tenant a tenant-scoped boundary acts on: the slug must name one of the actor's tenants
 * (memberships read from the catalog on this request, active tenants only; while impersonating,
 * exactly the impersonated one). Another tenant answers NOT_FOUND, like a missing one; a member
 * without the permission gets FORBIDDEN (assertCan, read-only impersonation included). No view
 * is audited here: DAL reads that resolve the tenant record impersonated views themselves.
 */
export function resolveActionTenant(actor: TActor, slug: unknown, permission: TTenantPermission): TActionTenant {
  const parsed = ZTenantSlug.safeParse(slug);
  if (!parsed.success) throw new InputError(parsed.error.issues.map((i) => ({ ...i, path: ['tenantSlug'] })));
  const id = resolveMemberTenantIdOrThrow({ actor, slug: parsed.data, permission });
  const m = actor.memberships.find((x) => x.tenantId === id)!;
  return { id, slug: m.tenantSlug, name: m.tenantName };
}
