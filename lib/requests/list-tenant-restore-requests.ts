import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';

export type TTenantRequestItem = {
  id: string;
  status: string;
  statusReason: string | null;
  reason: string;
  risk: 'LOW' | 'HIGH' | null;
  requiredApprovals: number;
  requesterName: string;
  createdAt: string;
  finishedAt: string | null;
  jobId: string | null;
};

/** The tenant's restore requests, newest first; `tenantId` from getTenantForActorOrThrow. */
export async function listTenantRestoreRequests(args: { actor: TActor; tenantId: string; take?: number }): Promise<TTenantRequestItem[]> {
  assertCan(args.actor, 'restores.read', args.tenantId);
  const rows = await db.restoreRequest.findMany({
    where: { tenantId: args.tenantId },
    orderBy: { createdAt: 'desc' },
    take: Math.min(args.take ?? 50, 200),
    select: {
      id: true,
      status: true,
      statusReason: true,
      reason: true,
      risk: true,
      requiredApprovals: true,
      createdAt: true,
      finishedAt: true,
      jobId: true,
      requestedBy: { select: { name: true } },
    },
  });
  return rows.map(({ requestedBy, createdAt, finishedAt, ...r }) => ({
    ...r,
    requesterName: requestedBy.name,
    createdAt: createdAt.toISOString(),
    finishedAt: finishedAt?.toISOString() ?? null,
  }));
}
