import { AppError } from '@/lib/errors';
import { can, type TActor } from './actor';
import type { TPlatformPermission, TTenantPermission } from './permissions';

/** Throws FORBIDDEN unless the actor holds the permission (for the tenant, if tenant-scoped). */
export function assertCan(actor: TActor, permission: TTenantPermission, tenantId: string): void;
export function assertCan(actor: TActor, permission: TPlatformPermission): void;
export function assertCan(actor: TActor, permission: TTenantPermission | TPlatformPermission, tenantId?: string): void {
  const ok = tenantId === undefined ? can(actor, permission as TPlatformPermission) : can(actor, permission as TTenantPermission, tenantId);
  if (!ok) throw new AppError('FORBIDDEN', `You do not have permission to ${permission.replace('.', ' ')}.`);
}
