import type { TAuditInput } from '@/lib/audit/append-audit';
import type { TActor } from '@/lib/auth/actor';

// The actor columns of the restore request lifecycle's audit rows. The action names are in
// lib/audit/actions.ts (REQUEST_AUDIT); refusals are audited once, by the boundary (lib/actions).

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
