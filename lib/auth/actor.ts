import {
  PLATFORM_ROLE_PERMISSIONS,
  isMutatingPermission,
  TENANT_ROLE_PERMISSIONS,
  type TPlatformPermission,
  type TPlatformRole,
  type TTenantPermission,
  type TTenantRole,
} from './permissions';

// The authenticated human, as read from the catalog on this request (never from the cookie).
export type TActorMembership = {
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  role: TTenantRole;
};

/**
 * Set while a support user impersonates a tenant user. The actor stays the real human (userId,
 * email, name are the support user's); `memberships` then holds only the impersonated tenant,
 * with the target user's role, and every mutating permission is refused unless `isElevated`.
 */
export type TActorImpersonation = {
  id: string;
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  targetUserId: string | null;
  targetEmail: string | null;
  targetName: string | null;
  reason: string;
  ticketRef: string;
  startedAt: string;
  expiresAt: string;
  isElevated: boolean;
  elevationStatus: 'PENDING' | 'APPROVED' | 'REJECTED' | null;
};

export type TActor = {
  userId: string;
  email: string;
  name: string;
  platformRoles: TPlatformRole[];
  /** Platform roles limited to some tenants (tenant ids); a role not listed here applies to every tenant. */
  platformScopes?: Partial<Record<TPlatformRole, string[]>>;
  memberships: TActorMembership[];
  impersonation?: TActorImpersonation | null;
  /** the request's server-side session (user_sessions id; set by getCurrentActor): step-up is recorded on it */
  sessionId?: string | null;
};

export function membershipFor(actor: TActor, tenantId: string): TActorMembership | undefined {
  return actor.memberships.find((m) => m.tenantId === tenantId);
}

/** Pure permission check: tenant permissions need a membership in that tenant. */
export function can(actor: TActor, permission: TTenantPermission, tenantId: string): boolean;
export function can(actor: TActor, permission: TPlatformPermission): boolean;
export function can(actor: TActor, permission: TTenantPermission | TPlatformPermission, tenantId?: string): boolean {
  if (tenantId !== undefined) {
    const m = membershipFor(actor, tenantId);
    return !!m && (TENANT_ROLE_PERMISSIONS[m.role] as readonly string[]).includes(permission);
  }
  return actor.platformRoles.some((r) => (PLATFORM_ROLE_PERMISSIONS[r] as readonly string[]).includes(permission));
}

/** Read-only impersonation: support sees the tenant but changes nothing until an elevation is approved. */
export function isReadOnlyImpersonation(actor: TActor): boolean {
  return !!actor.impersonation && !actor.impersonation.isElevated;
}

/** What the UI offers: the actor holds the tenant permission, and a mutating one not while impersonating read-only (assertCan's rule; the DAL checks again). */
export function mayAct(actor: TActor, permission: TTenantPermission, tenantId: string): boolean {
  return can(actor, permission, tenantId) && !(isMutatingPermission(permission) && isReadOnlyImpersonation(actor));
}

/** Why the actor can change nothing in this tenant, in words for the page (null: it can). */
export function readOnlyReason(actor: TActor, tenantId: string): string | null {
  if (isReadOnlyImpersonation(actor)) {
    return 'Read-only: you are impersonating this tenant. Request an elevation (an approver decides) to change anything.';
  }
  if (membershipFor(actor, tenantId)?.role === 'TENANT_VIEWER') {
    return 'Read-only: you are a tenant viewer here. A tenant admin of this tenant backs up, restores and changes the policy.';
  }
  return null;
}

/**
 * The tenants a platform permission reaches: null = every tenant (some role granting it is
 * unscoped), otherwise the union of the scopes of the roles that grant it (empty = none).
 */
export function platformTenantScope(actor: TActor, permission: TPlatformPermission): string[] | null {
  const granting = actor.platformRoles.filter((r) => (PLATFORM_ROLE_PERMISSIONS[r] as readonly string[]).includes(permission));
  if (granting.some((r) => !actor.platformScopes?.[r]?.length)) return granting.length > 0 ? null : [];
  return [...new Set(granting.flatMap((r) => actor.platformScopes?.[r] ?? []))];
}

/** A platform permission for one tenant: held, and that tenant within the role's scope. */
export function canForTenant(actor: TActor, permission: TPlatformPermission, tenantId: string): boolean {
  if (!can(actor, permission)) return false;
  const scope = platformTenantScope(actor, permission);
  return scope === null || scope.includes(tenantId);
}

/** Where a signed-in user lands first. */
export function homePathFor(actor: TActor): string {
  const first = actor.memberships[0];
  if (first) return `/t/${first.tenantSlug}`;
  if (actor.platformRoles.includes('APPROVER')) return '/approvals';
  if (actor.platformRoles.includes('SUPPORT')) return '/support';
  if (actor.platformRoles.includes('PLATFORM_ADMIN')) return '/admin';
  return '/no-access';
}

export type TNavItem = { href: string; label: string; section: 'tenant' | 'platform' };

/** Role-aware navigation: only what this actor may open. */
export function navigationFor(actor: TActor): TNavItem[] {
  const items: TNavItem[] = actor.memberships.map((m) => ({
    href: `/t/${m.tenantSlug}`,
    label: m.tenantName,
    section: 'tenant',
  }));
  if (can(actor, 'restores.review')) items.push({ href: '/approvals', label: 'Approvals', section: 'platform' });
  if (can(actor, 'impersonation.approve')) items.push({ href: '/approvals/elevations', label: 'Elevations', section: 'platform' });
  if (can(actor, 'tenants.impersonate')) items.push({ href: '/support', label: 'Support', section: 'platform' });
  if (can(actor, 'tenants.manage')) items.push({ href: '/admin', label: 'Administration', section: 'platform' });
  return items;
}
