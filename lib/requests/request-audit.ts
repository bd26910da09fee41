import 'server-only';
import { recordAudit, type TAuditInput } from '@/lib/audit/append-audit';
import type { TActor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { AppError, isAppError } from '@/lib/errors';

/** Closed set of audit actions written by the restore request lifecycle. */
export const REQUEST_AUDIT = {
  submitted: 'restore.request.submit',
  approved: 'restore.request.approve',
  rejected: 'restore.request.reject',
  queued: 'restore.request.queue',
  cancelled: 'restore.request.cancel',
  returned: 'restore.request.return_for_approval',
  started: 'restore.request.start',
  verified: 'restore.request.verify',
  failed: 'restore.request.fail',
  undone: 'restore.request.undo',
} as const;
export type TRequestAuditAction = (typeof REQUEST_AUDIT)[keyof typeof REQUEST_AUDIT];

/** The impersonation session of an actor, when the auth layer put one on it (defensive read). */
export function impersonationIdOf(actor: TActor): string | null {
  const imp = (actor as TActor & { impersonation?: { id?: unknown; sessionId?: unknown } | null }).impersonation;
  if (!imp) return null;
  const id = imp.sessionId ?? imp.id;
  return typeof id === 'string' ? id : 'unknown';
}

export function actorAudit(actor: TActor, origin?: string | null): Pick<TAuditInput, 'actorUserId' | 'actorEmail' | 'impersonationId' | 'origin'> {
  return { actorUserId: actor.userId, actorEmail: actor.email, impersonationId: impersonationIdOf(actor), origin: origin ?? null };
}

/**
 * Runs `work`; a refusal (UNAUTHENTICATED, FORBIDDEN, or NOT_FOUND — another tenant's object looks
 * missing) is recorded as a DENIED audit row (its own transaction: the refused change rolled
 * back) and rethrown.
 */
export async function withDeniedAudit<T>(
  actor: TActor | null,
  input: { action: TRequestAuditAction; tenantId?: string | null; targetId?: string | null; origin?: string | null },
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isAppError(e) && (e.code === 'FORBIDDEN' || e.code === 'UNAUTHENTICATED' || e.code === 'NOT_FOUND')) {
      await recordAudit(db, {
        action: input.action,
        ...(actor ? actorAudit(actor, input.origin) : { origin: input.origin ?? null }),
        tenantId: input.tenantId ?? null,
        targetType: 'restore_request',
        targetId: input.targetId ?? null,
        outcome: 'DENIED',
        metadata: { message: e.message },
      });
    }
    throw e;
  }
}

export function forbidden(message: string): never {
  throw new AppError('FORBIDDEN', message);
}
