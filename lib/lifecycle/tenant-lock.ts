import 'server-only';
import type { Prisma } from '@/lib/db';

/** The platform's own actor on lifecycle audit rows (retention, GC, verification). */
export const LIFECYCLE_ACTOR = { actorUserId: null, actorEmail: 'system:lifecycle' } as const;

/**
 * One lifecycle writer per tenant: a transaction-scoped advisory lock keyed by the tenant
 * (released at commit/rollback). Retention passes, GC/verification enqueueing and the tier
 * pass of one tenant take it, so two workers never decide for the same tenant at once.
 */
export async function lockTenantLifecycle(tx: Prisma.TransactionClient, tenantId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`vaultline:lifecycle:${tenantId}`}, 0))`;
}
