import type { ForbiddenError } from '@/lib/auth/assert-can';
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
