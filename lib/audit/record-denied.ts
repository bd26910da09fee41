import 'server-only';
import { isForbiddenError, type ForbiddenError } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { isAppError, type AppError } from '@/lib/errors';
import { AUDIT_ACTIONS } from './actions';
import { recordAudit } from './append-audit';

/** What a refusal row says was attempted, besides the error itself. */
export type TRefusalContext = {
  actor: { userId: string; email: string; impersonation?: { id: string; tenantId: string } | null } | null;
  origin?: string | null;
  /** the boundary that refused: a server action's or route's name */
  operation?: string;
  /** the tenant the attempt was about, when the boundary got that far */
  tenantId?: string | null;
  /** the object the attempt was about (e.g. a restore request), when the input named one */
  target?: { type: string; id: string | null } | null;
};

const REFUSAL_CODES = new Set(['UNAUTHENTICATED', 'STEP_UP_REQUIRED', 'FORBIDDEN', 'NOT_FOUND']);
const audited = new WeakSet<object>();

/** A refusal: UNAUTHENTICATED, FORBIDDEN, or NOT_FOUND (another tenant's object looks missing). */
export function isRefusal(e: unknown): e is AppError {
  return isAppError(e) && REFUSAL_CODES.has(e.code);
}

/**
 * Writes the DENIED event for a refused permission check (a ForbiddenError carries who tried
 * what), in a transaction of its own: the caller's transaction, if any, is rolling back because
 * of this error. Never throws: failing to audit a denial must not turn a 403 into a 500.
 */
export async function recordDenied(err: ForbiddenError, origin?: string | null, ctx: Omit<TRefusalContext, 'actor' | 'origin'> = {}): Promise<void> {
  if (err.audited || audited.has(err)) return;
  err.audited = true;
  audited.add(err);
  try {
    await recordAudit(db, {
      action: AUDIT_ACTIONS.denied,
      outcome: 'DENIED',
      actorUserId: err.actorUserId,
      actorEmail: err.actorEmail,
      impersonationId: err.impersonationId,
      tenantId: err.tenantId ?? ctx.tenantId ?? null,
      targetType: 'permission',
      targetId: err.permission,
      metadata: { reason: err.reason, message: err.message, ...details(ctx) },
      origin: origin ?? null,
    });
  } catch (e) {
    console.error('audit: could not record a denied attempt', e);
  }
}

/**
 * Every refusal at a boundary (server action, route handler, page) is a denied attempt worth
 * exactly one row: a failed permission check (with its details), but also "sign in first" and
 * "no such tenant/object" — probing for another tenant's object is exactly what the log must
 * show. Other errors: no row. An error already recorded is not recorded again.
 */
export async function recordRefusal(e: unknown, ctx: TRefusalContext): Promise<void> {
  if (isForbiddenError(e)) return recordDenied(e, ctx.origin, ctx);
  if (!isRefusal(e) || audited.has(e)) return;
  audited.add(e);
  const { actor } = ctx;
  try {
    await recordAudit(db, {
      action: AUDIT_ACTIONS.denied,
      outcome: 'DENIED',
      actorUserId: actor?.userId ?? null,
      actorEmail: actor?.email ?? null,
      impersonationId: actor?.impersonation?.id ?? null,
      tenantId: ctx.tenantId ?? actor?.impersonation?.tenantId ?? null,
      targetType: ctx.target?.type ?? 'request',
      targetId: ctx.target?.id ?? null,
      metadata: { reason: e.code, message: e.message, ...details(ctx) },
      origin: ctx.origin ?? null,
    });
  } catch (err) {
    console.error('audit: could not record a refused attempt', err);
  }
}

function details(ctx: Omit<TRefusalContext, 'actor' | 'origin'>): Record<string, unknown> {
  return {
    ...(ctx.operation ? { operation: ctx.operation } : {}),
    ...(ctx.target ? { target: ctx.target } : {}),
  };
}
