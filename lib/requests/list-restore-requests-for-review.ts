import 'server-only';
import { z } from 'zod';
import { platformTenantScope, type TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db, type Prisma } from '@/lib/db';
import { parseInput } from './schemas';

export const ZReviewQueueFilter = z.object({
  tenant: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || undefined),
  risk: z.enum(['LOW', 'HIGH']).optional().catch(undefined),
  /** only requests waiting at least this many hours */
  minAgeHours: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 365)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20).catch(20),
});
export type TReviewQueueFilter = z.input<typeof ZReviewQueueFilter>;

export type TReviewQueueItem = {
  id: string;
  tenantSlug: string;
  tenantName: string;
  requesterName: string;
  requesterEmail: string;
  reason: string;
  risk: 'LOW' | 'HIGH' | null;
  requiredApprovals: number;
  approvals: number;
  submittedAt: string;
  statusReason: string | null;
};

/** Approver queue: PENDING_APPROVAL requests of every tenant, oldest first, filtered and paged. */
export async function listRestoreRequestsForReview(args: { actor: TActor; filter?: TReviewQueueFilter; now?: Date }): Promise<{
  items: TReviewQueueItem[];
  total: number;
  page: number;
  pageSize: number;
  tenants: { slug: string; name: string }[];
}> {
  assertCan(args.actor, 'restores.review');
  const f = parseInput(ZReviewQueueFilter, args.filter ?? {});
  const now = args.now ?? new Date();
  // An approver with a tenant scope sees only those tenants' requests.
  const scope = platformTenantScope(args.actor, 'restores.review');
  const inScope = scope === null ? {} : { tenantId: { in: scope } };
  const where: Prisma.RestoreRequestWhereInput = {
    status: 'PENDING_APPROVAL',
    ...inScope,
    ...(f.tenant ? { tenant: { slug: f.tenant } } : {}),
    ...(f.risk ? { risk: f.risk } : {}),
    ...(f.minAgeHours ? { submittedAt: { lte: new Date(now.getTime() - f.minAgeHours * 3600_000) } } : {}),
  };
  const [total, rows, tenants] = await Promise.all([
    db.restoreRequest.count({ where }),
    db.restoreRequest.findMany({
      where,
      orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
      skip: (f.page - 1) * f.pageSize,
      take: f.pageSize,
      select: {
        id: true,
        reason: true,
        risk: true,
        requiredApprovals: true,
        submittedAt: true,
        createdAt: true,
        statusReason: true,
        revision: true,
        tenant: { select: { slug: true, name: true } },
        requestedBy: { select: { name: true, email: true } },
        approvals: { where: { decision: 'APPROVE' }, select: { revision: true, expiresAt: true } },
      },
    }),
    db.tenant.findMany({
      where: { status: 'ACTIVE', ...(scope === null ? {} : { id: { in: scope } }) },
      orderBy: { name: 'asc' },
      select: { slug: true, name: true },
    }),
  ]);
  return {
    total,
    page: f.page,
    pageSize: f.pageSize,
    tenants,
    items: rows.map((r) => ({
      id: r.id,
      tenantSlug: r.tenant.slug,
      tenantName: r.tenant.name,
      requesterName: r.requestedBy.name,
      requesterEmail: r.requestedBy.email,
      reason: r.reason,
      risk: r.risk,
      requiredApprovals: r.requiredApprovals,
      // an indication for the list; the review page shows exactly which approvals count and why
      approvals: r.approvals.filter((a) => a.revision === r.revision && a.expiresAt > now).length,
      submittedAt: (r.submittedAt ?? r.createdAt).toISOString(),
      statusReason: r.statusReason,
    })),
  };
}
