import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';

export type TPendingRequest = {
  id: string;
  tenantSlug: string;
  tenantName: string;
  reason: string;
  risk: 'LOW' | 'HIGH' | null;
  createdAt: string;
};

/** Approver queue: requests of every tenant that wait for a decision. */
export async function listPendingRestoreRequests({ actor }: { actor: TActor }): Promise<TPendingRequest[]> {
  assertCan(actor, 'restores.review');
  const rows = await db.restoreRequest.findMany({
    where: { status: 'PENDING_APPROVAL' },
    orderBy: { createdAt: 'asc' },
    take: 100,
    select: { id: true, reason: true, risk: true, createdAt: true, tenant: { select: { slug: true, name: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    tenantSlug: r.tenant.slug,
    tenantName: r.tenant.name,
    reason: r.reason,
    risk: r.risk,
    createdAt: r.createdAt.toISOString(),
  }));
}
