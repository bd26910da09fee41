import type { Prisma } from '@/lib/db';

/**
 * Cancels a job of the tenant that has not started, inside the caller's transaction (with its
 * `Cancelled` condition). False when it is no longer QUEUED (a worker took it).
 */
export async function cancelQueuedJob(tx: Prisma.TransactionClient, args: { tenantId: string; jobId: string; reason: string }): Promise<boolean> {
  const now = new Date();
  const entry = JSON.stringify([{ at: now.toISOString(), type: 'Cancelled', message: args.reason }]);
  const n = await tx.$executeRaw`UPDATE jobs SET status = 'CANCELLED', finished_at = ${now}, conditions = conditions || ${entry}::jsonb
    WHERE id = ${args.jobId} AND tenant_id = ${args.tenantId} AND status = 'QUEUED'`;
  return n === 1;
}
