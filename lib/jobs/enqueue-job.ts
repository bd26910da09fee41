import 'server-only';
import type { JobType, Prisma } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { TJobCondition } from './job-conditions';

/** Job types under a per-tenant quota of unfinished jobs, and the env setting that holds it. */
const QUOTAS: { types: JobType[]; name: string; limit: () => number; what: string }[] = [
  {
    types: ['DRY_RUN', 'UNDO_PREVIEW'],
    name: 'JOBS_MAX_PENDING_DRY_RUNS_PER_TENANT',
    limit: () => env().JOBS_MAX_PENDING_DRY_RUNS_PER_TENANT,
    what: 'dry-runs and undo previews',
  },
  {
    types: ['RESTORE', 'UNDO'],
    name: 'JOBS_MAX_PENDING_RESTORES_PER_TENANT',
    limit: () => env().JOBS_MAX_PENDING_RESTORES_PER_TENANT,
    what: 'restores and undos',
  },
];

/**
 * THE way to ask for work: inserts a QUEUED Job row inside the caller's transaction. The worker
 * relays committed QUEUED rows to the queue, so a job whose transaction rolls back never runs
 * and one that commits always does. Payloads: BACKUP {kind?}, DRY_RUN {spec, restoreId?},
 * RESTORE {spec} | {requestId}, VERIFY {snapshotId, level?}, UNDO {restoreJobId} | {requestId},
 * UNDO_PREVIEW {requestId}.
 *
 * Per-tenant quota: a tenant has at most JOBS_MAX_PENDING_DRY_RUNS_PER_TENANT dry-runs + undo previews and
 * JOBS_MAX_PENDING_RESTORES_PER_TENANT restores + undos queued or running; one more is refused
 * with INVALID_INPUT (422) naming the limit, and nothing is written (the caller's transaction
 * fails). The count and the insert are serialised per tenant (a transaction advisory lock).
 */
export async function enqueueJob(
  tx: Prisma.TransactionClient,
  args: { tenantId: string | null; type: JobType; payload: Prisma.InputJsonValue; createdById?: string | null; message?: string },
): Promise<{ id: string; createdAt: Date }> {
  if (args.tenantId) await assertJobQuota(tx, { tenantId: args.tenantId, type: args.type });
  const queued: TJobCondition = { at: new Date().toISOString(), type: 'Queued', ...(args.message ? { message: args.message } : {}) };
  return tx.job.create({
    data: { tenantId: args.tenantId, type: args.type, status: 'QUEUED', payload: args.payload, createdById: args.createdById ?? null, conditions: [queued] },
    select: { id: true, createdAt: true },
  });
}

/**
 * Throws AppError('INVALID_INPUT') when the tenant already has its quota of unfinished jobs of
 * this kind (see enqueueJob); the caller's transaction then writes nothing. Also what a job run
 * in this process checks before it starts (lib/jobs/claim-writer-here.ts). Holds the tenant's
 * quota lock until the transaction ends, so the count and the insert after it are one step.
 */
export async function assertJobQuota(tx: Prisma.TransactionClient, args: { tenantId: string; type: JobType }): Promise<void> {
  const quota = QUOTAS.find((q) => q.types.includes(args.type));
  if (!quota) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`vaultline.job-quota:${args.tenantId}`})::bigint)`;
  const pending = await tx.job.count({ where: { tenantId: args.tenantId, type: { in: quota.types }, status: { in: ['QUEUED', 'RUNNING'] } } });
  const limit = quota.limit();
  if (pending >= limit) {
    throw new AppError(
      'INVALID_INPUT',
      `This tenant already has ${pending} ${quota.what} queued or running; the limit is ${limit} (${quota.name}). Wait for one to finish or cancel one.`,
    );
  }
}
