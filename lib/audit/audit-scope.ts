import 'server-only';
import { z } from 'zod';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { can } from '@/lib/auth/actor';
import { db, type Prisma } from '@/lib/db';
import { AppError, InputError } from '@/lib/errors';

const ZDate = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00.000Z` : v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'Use a date like 2026-11-24 or an ISO timestamp.' });
      return z.NEVER;
    }
    return d;
  });

export const ZAuditFilter = z
  .object({
    tenant: z
      .string()
      .trim()
      .max(100)
      .optional()
      .transform((v) => v || undefined),
    from: ZDate,
    to: ZDate,
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: '"From" must not be after "to".', path: ['from'] });
export type TAuditFilterInput = z.input<typeof ZAuditFilter>;

export type TAuditScope = { where: Prisma.AuditEventWhereInput; tenant: { id: string; slug: string; name: string } | null; from?: Date; to?: Date };

/**
 * Turns a filter into an authorized `where`. Platform auditors (audit.read.all) may read every
 * tenant or the platform-wide log; anyone else only a tenant in which they hold audit.read
 * (tenant admins), and a tenant is then required. A date-only `to` includes that whole day.
 */
export async function resolveAuditScope(actor: TActor, raw: TAuditFilterInput): Promise<TAuditScope> {
  const parsed = ZAuditFilter.safeParse(raw);
  if (!parsed.success) throw new InputError(parsed.error.issues);
  const f = parsed.data;
  const isPlatformAuditor = can(actor, 'audit.read.all') && !actor.impersonation;
  let tenant: TAuditScope['tenant'] = null;
  if (f.tenant) {
    const row = await db.tenant.findUnique({ where: { slug: f.tenant }, select: { id: true, slug: true, name: true } });
    const member = row && actor.memberships.some((m) => m.tenantId === row.id);
    if (!row || (!isPlatformAuditor && !member)) throw new AppError('NOT_FOUND', 'No such tenant.');
    if (!isPlatformAuditor) assertCan(actor, 'audit.read', row.id);
    tenant = row;
  } else {
    assertCan(actor, 'audit.read.all');
    if (actor.impersonation) throw new AppError('FORBIDDEN', "While impersonating, only the impersonated tenant's audit log is readable.");
  }
  const to = f.to && raw.to && /^\d{4}-\d{2}-\d{2}$/.test(String(raw.to).trim()) ? new Date(f.to.getTime() + 86_400_000 - 1) : f.to;
  const at: Prisma.DateTimeFilter = {};
  if (f.from) at.gte = f.from;
  if (to) at.lte = to;
  return {
    where: { ...(tenant ? { tenantId: tenant.id } : {}), ...(f.from || to ? { at } : {}) },
    tenant,
    from: f.from,
    to,
  };
}
