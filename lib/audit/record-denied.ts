import 'server-only';
import { isForbiddenError, type ForbiddenError } from '@/lib/auth/assert-can';
import { isAppError, type AppError } from '@/lib/errors';
import { db } from '@/lib/db';
import { AUDIT_ACTIONS } from './actions';
import { recordAudit } from './append-audit';

/**
 * Writes the DENIED event for a refused check, in a transaction of its own (the caller's
 * transaction, if any, is rolling back because of this error). Never throws: failing to audit a
 * denial must not turn a 403 into a 500, so a failure is logged instead.
 */
export async function recordDenied(err: ForbiddenError, origin?: string | null): Promise<void> {
  if (err.audited) return;
  err.audited = true;
  try {
    await recordAudit(db, {
      action: AUDIT_ACTIONS.denied,
      outcome: 'DENIED',
      actorUserId: err.actorUserId,
      actorEmail: err.actorEmail,
      impersonationId: err.impersonationId,
      tenantId: err.tenantId,
      targetType: 'permission',
      targetId: err.permission,
      metadata: { reason: err.reason, message: err.message },
      origin: origin ?? null,
    });
  } catch (e) {
    console.error('audit: could not record a denied attempt', e);
  }
}

const REFUSAL_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']);

/**
 * Every refusal at a boundary (server action, route handler) is a denied attempt worth a row:
 * a failed permission check (ForbiddenError, with its details), but also "sign in first" and
 * "no such tenant/object" (another tenant's object answers NOT_FOUND, indistinguishable from a
 * missing one, and probing for it is exactly what the log must show). Other errors: no row.
 */
export async function recordRefusal(
  e: unknown,
  actor: { userId: string; email: string; impersonation?: { id: string; tenantId: string } | null } | null,
  origin?: string | null,
): Promise<void> {
  if (isForbiddenError(e)) return recordDenied(e, origin);
  if (!isAppError(e) || !REFUSAL_CODES.has(e.code)) return;
  const marked = e as AppError & { audited?: boolean };
  if (marked.audited) return;
  marked.audited = true;
  try {
    await recordAudit(db, {
      action: AUDIT_ACTIONS.denied,
      outcome: 'DENIED',
      actorUserId: actor?.userId ?? null,
      actorEmail: actor?.email ?? null,
      impersonationId: actor?.impersonation?.id ?? null,
      tenantId: actor?.impersonation?.tenantId ?? null,
      targetType: 'request',
      targetId: null,
      metadata: { reason: e.code, message: e.message },
      origin: origin ?? null,
    });
  } catch (err) {
    console.error('audit: could not record a refused attempt', err);
  }
}
