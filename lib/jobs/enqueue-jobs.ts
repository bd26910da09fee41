import type { JobType, Prisma } from '@/lib/db';
import type { TJobCondition } from './job-conditions';

/**
 * `enqueueJob` for many jobs at once (the scheduler's pass): QUEUED rows inserted in one statement
 * inside the caller's transaction, with the same `Queued` condition. Returns each new row's id
 * with its tenant (map by tenant when you enqueue one job per tenant).
 */
export async function enqueueJobs(
  tx: Prisma.TransactionClient,
  jobs: ReadonlyArray<{ tenantId: string | null; type: JobType; payload: Prisma.InputJsonValue; createdById?: string | null; message?: string }>,
): Promise<Array<{ id: string; tenantId: string | null; createdAt: Date }>> {
  if (jobs.length === 0) return [];
  const at = new Date().toISOString();
  const rows = await tx.job.createManyAndReturn({
    data: jobs.map((j) => {
      const queued: TJobCondition = { at, type: 'Queued', ...(j.message ? { message: j.message } : {}) };
      return { tenantId: j.tenantId, type: j.type, status: 'QUEUED' as const, payload: j.payload, createdById: j.createdById ?? null, conditions: [queued] };
    }),
    select: { id: true, tenantId: true, createdAt: true },
  });
  return rows;
}
