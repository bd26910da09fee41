import type { TActor } from '@/lib/auth/actor';
import type { TAuditInput } from './append-audit';

/**
 * The actor columns of an audit row: always the real human; while impersonating, also the
 * session id and (in metadata) the tenant user whose view support had, so both identities are
 * on the row.
 */
export function auditActorFields(actor: TActor): Pick<TAuditInput, 'actorUserId' | 'actorEmail' | 'impersonationId'> & {
  impersonatedUser: { id: string | null; email: string | null } | null;
} {
  const imp = actor.impersonation;
  return {
    actorUserId: actor.userId,
    actorEmail: actor.email,
    impersonationId: imp?.id ?? null,
    impersonatedUser: imp ? { id: imp.targetUserId, email: imp.targetEmail } : null,
  };
}

/** An audit input for `actor` doing `action` (metadata gets the impersonated user when set). */
export function actorAudit(actor: TActor, input: Omit<TAuditInput, 'actorUserId' | 'actorEmail' | 'impersonationId'>): TAuditInput {
  const { impersonatedUser, ...fields } = auditActorFields(actor);
  return {
    ...input,
    ...fields,
    tenantId: input.tenantId ?? actor.impersonation?.tenantId ?? null,
    metadata: impersonatedUser ? { ...input.metadata, impersonatedUser } : input.metadata,
  };
}
