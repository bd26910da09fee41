// Permissions are data: one table per role, `resource.verb` strings. Domain rules that depend
// on more than the role (no self-approval, read-only impersonation) live in the DAL.
export const TENANT_ROLES = ['TENANT_ADMIN', 'TENANT_VIEWER'] as const;
export const PLATFORM_ROLES = ['APPROVER', 'SUPPORT', 'PLATFORM_ADMIN'] as const;
export type TTenantRole = (typeof TENANT_ROLES)[number];
export type TPlatformRole = (typeof PLATFORM_ROLES)[number];

export const TENANT_PERMISSIONS = [
  'tenant.read',
  'snapshots.read',
  'snapshots.create',
  'restores.read',
  'restores.request',
  'restores.undo',
  'policies.update',
  'audit.read',
] as const;
export type TTenantPermission = (typeof TENANT_PERMISSIONS)[number];

export const PLATFORM_PERMISSIONS = [
  'tenants.list',
  'tenants.manage',
  'users.manage',
  'keys.manage',
  'restores.review',
  'restores.approve',
  'tenants.impersonate',
  'audit.read.all',
  'impersonation.approve',
  'locks.approve',
] as const;
export type TPlatformPermission = (typeof PLATFORM_PERMISSIONS)[number];

export const TENANT_ROLE_PERMISSIONS: Record<TTenantRole, readonly TTenantPermission[]> = {
  TENANT_ADMIN: TENANT_PERMISSIONS,
  TENANT_VIEWER: ['tenant.read', 'snapshots.read', 'restores.read'],
};

export const PLATFORM_ROLE_PERMISSIONS: Record<TPlatformRole, readonly TPlatformPermission[]> = {
  APPROVER: ['tenants.list', 'restores.review', 'restores.approve', 'impersonation.approve', 'locks.approve'],
  SUPPORT: ['tenants.list', 'tenants.impersonate', 'audit.read.all'],
  PLATFORM_ADMIN: ['tenants.list', 'tenants.manage', 'users.manage', 'keys.manage', 'audit.read.all'],
};

export function isTenantPermission(p: string): p is TTenantPermission {
  return (TENANT_PERMISSIONS as readonly string[]).includes(p);
}

// Permissions that change something. While support impersonates a tenant without an approved
// elevation, assertCan refuses every one of them (lib/auth/assert-can.ts). 'tenants.impersonate'
// is not here: stopping or asking to elevate one's own session must stay possible.
export const MUTATING_PERMISSIONS: readonly (TTenantPermission | TPlatformPermission)[] = [
  'snapshots.create',
  'restores.request',
  'restores.undo',
  'policies.update',
  'tenants.manage',
  'users.manage',
  'keys.manage',
  'restores.approve',
  'impersonation.approve',
  'locks.approve',
];

export function isMutatingPermission(p: string): boolean {
  return (MUTATING_PERMISSIONS as readonly string[]).includes(p);
}
