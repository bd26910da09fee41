import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { describeAuditAction } from './actions';
import { resolveAuditScope, type TAuditFilterInput } from './audit-scope';

export type TAuditEventItem = {
  id: string;
  at: string;
  action: string;
  label: string;
  outcome: 'ALLOWED' | 'DENIED';
  actorEmail: string | null;
  tenantSlug: string | null;
  targetType: string | null;
  targetId: string | null;
  /** Both identities when support acted while impersonating. */
  impersonation: { id: string; supportEmail: string | null; impersonatedEmail: string | null; ticketRef: string | null } | null;
  summary: string | null;
};

export type TAuditPage = { events: TAuditEventItem[]; page: number; pageSize: number; total: number; pages: number };

function summarize(metadata: unknown): string | null {
  if (!metadata || typeof metadata !== 'object') return null;
  const m = metadata as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of ['reason', 'ticketRef', 'message', 'note', 'changes', 'email']) {
    const v = m[key];
    if (v === undefined || v === null) continue;
    parts.push(`${key}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  return parts.length ? parts.join(' · ').slice(0, 300) : null;
}

/** One page of audit events, newest first, within the actor's authorized scope. */
export async function listAuditEvents(args: { actor: TActor; filter: TAuditFilterInput; page?: number; pageSize?: number }): Promise<TAuditPage> {
  const scope = await resolveAuditScope(args.actor, args.filter);
  const pageSize = Math.min(Math.max(args.pageSize ?? 25, 1), 100);
  const total = await db.auditEvent.count({ where: scope.where });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(Math.floor(args.page ?? 1), 1), pages);
  const rows = await db.auditEvent.findMany({
    where: scope.where,
    orderBy: { id: 'desc' },
    skip: (page - 1) * pageSize,
    take: pageSize,
  });
  const sessionIds = [...new Set(rows.map((r) => r.impersonationId).filter((x): x is string => !!x))];
  const tenantIds = [...new Set(rows.map((r) => r.tenantId).filter((x): x is string => !!x))];
  const [sessions, tenants] = await Promise.all([
    sessionIds.length
      ? db.impersonationSession.findMany({
          where: { id: { in: sessionIds }, ...(scope.tenant ? { tenantId: scope.tenant.id } : {}) },
          select: { id: true, ticketRef: true, supportUser: { select: { email: true } }, targetUser: { select: { email: true } } },
        })
      : [],
    tenantIds.length ? db.tenant.findMany({ where: { id: { in: tenantIds } }, select: { id: true, slug: true } }) : [],
  ]);
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const slugById = new Map(tenants.map((t) => [t.id, t.slug]));
  return {
    page,
    pageSize,
    total,
    pages,
    events: rows.map((r) => {
      const s = r.impersonationId ? sessionById.get(r.impersonationId) : undefined;
      return {
        id: r.id.toString(),
        at: r.at.toISOString(),
        action: r.action,
        label: describeAuditAction(r.action),
        outcome: r.outcome,
        actorEmail: r.actorEmail,
        tenantSlug: r.tenantId ? (slugById.get(r.tenantId) ?? null) : null,
        targetType: r.targetType,
        targetId: r.targetId,
        impersonation: r.impersonationId
          ? {
              id: r.impersonationId,
              supportEmail: s?.supportUser.email ?? r.actorEmail,
              impersonatedEmail: s?.targetUser?.email ?? null,
              ticketRef: s?.ticketRef ?? null,
            }
          : null,
        summary: summarize(r.metadata),
      };
    }),
  };
}
