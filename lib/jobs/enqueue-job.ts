import type { JobType, Prisma } from '@/lib/db';
import type { TJobCondition } from './job-conditions';

/**
 * THE way to ask for work: inserts a QUEUED Job row inside the caller's transaction. The worker
 * relays committed QUEUED rows to the queue, so a job whose transaction rolls back never runs
 * and one that commits always does. Payloads: BACKUP {kind?}, DRY_RUN {spec, restoreId?},
 * RESTORE {spec} | {requestId}, VERIFY {snapshotId, level?}, UNDO {restoreJobId} | {requestId}.
 */
export async function enqueueJob(
  tx: Prisma.TransactionClient,
  args: { tenantId: string | null; type: JobType; payload: Prisma.InputJsonValue; createdById?: string | null; message?: string },
): Promise<{ id: string; createdAt: Date }> {
  const queued: TJobCondition = { at: new Date().toISOString(), type: 'Queued', ...(args.message ? { message: args.message } : {}) };
  return tx.job.create({
    data: { tenantId: args.tenantId, type: args.type, status: 'QUEUED', payload: args.payload, createdById: args.createdById ?? null, conditions: [queued] },
    select: { id: true, createdAt: true },
  });
}
