import { AppError } from '@/lib/errors';
import { can, canForTenant, type TActor } from './actor';
import { isMutatingPermission, type TPlatformPermission, type TTenantPermission } from './permissions';

export type TDenialReason = 'MISSING_PERMISSION' | 'READ_ONLY_IMPERSONATION';

/**
 * A refused authorization check. It carries who tried what, so the boundary that catches it
 * (server action, route handler, page) can record a DENIED audit event in a transaction of its
 * own — never inside the caller's transaction, which rolls back on this very error.
 */
export class ForbiddenError extends AppError {
  readonly permission: string;
  readonly tenantId: string | null;
  readonly actorUserId: string;
  readonly actorEmail: string;
  readonly impersonationId: string | null;
  readonly reason: TDenialReason;
  /** Set once a DENIED event has been written, so nested boundaries do not write it twice. */
  audited = false;

  constructor(args: { actor: TActor; permission: string; tenantId?: string | null; reason: TDenialReason; message: string }) {
    super('FORBIDDEN', args.message);
    this.name = 'ForbiddenError';
    this.permission = args.permission;
    this.tenantId = args.tenantId ?? args.actor.impersonation?.tenantId ?? null;
    this.actorUserId = args.actor.userId;
    this.actorEmail = args.actor.email;
    this.impersonationId = args.actor.impersonation?.id ?? null;
    this.reason = args.reason;
  }
}

export function isForbiddenError(e: unknown): e is ForbiddenError {
  return e instanceof ForbiddenError;
}

export const READ_ONLY_IMPERSONATION_MESSAGE =
  'Read-only impersonation: support cannot change anything for this tenant unless an approver has approved an elevation of this session.';

/** Throws unless the actor may change things: impersonation is read-only until elevated. */
export function assertCanMutate(actor: TActor, what: string, tenantId?: string): void {
  if (actor.impersonation && !actor.impersonation.isElevated) {
    throw new ForbiddenError({ actor, permission: what, tenantId, reason: 'READ_ONLY_IMPERSONATION', message: READ_ONLY_IMPERSONATION_MESSAGE });
  }
}

/**
 * Throws FORBIDDEN unless the actor holds the permission (for the tenant, if tenant-scoped), and
 * refuses every mutating permission while the actor impersonates without an approved elevation.
 */
export function assertCan(actor: TActor, permission: TTenantPermission, tenantId: string): void;
export function assertCan(actor: TActor, permission: TPlatformPermission): void;
export function assertCan(actor: TActor, permission: TTenantPermission | TPlatformPermission, tenantId?: string): void {
  const ok = tenantId === undefined ? can(actor, permission as TPlatformPermission) : can(actor, permission as TTenantPermission, tenantId);
  if (!ok) {
    throw new ForbiddenError({
      actor,
      permission,
      tenantId,
      reason: 'MISSING_PERMISSION',
      message: `You do not have permission to ${permission.replace('.', ' ')}.`,
    });
  }
  if (isMutatingPermission(permission)) assertCanMutate(actor, permission, tenantId);
}

/**
 * A platform permission exercised on one tenant's data (review, approve, impersonate, decide an
 * elevation): assertCan, then the tenant must lie within the scope of the role granting it.
 */
export function assertCanForTenant(actor: TActor, permission: TPlatformPermission, tenantId: string): void {
  assertCan(actor, permission);
  if (!canForTenant(actor, permission, tenantId)) {
    throw new ForbiddenError({
      actor,
      permission,
      tenantId,
      reason: 'MISSING_PERMISSION',
      message: `This tenant is outside your scope: your role lets you ${permission.replace('.', ' ')} only for the tenants a platform administrator assigned to you.`,
    });
  }
}
