import 'server-only';
import { db, type JobType, type Prisma } from '@/lib/db';
import { env } from '@/lib/env';
import { WRITER_JOB_TYPES, type TClaimedJob } from './claim-job';
import type { TJobCondition } from './job-conditions';
import { LOCAL_WORKER_ID } from './local-owner';
import { runAsJob, type TJobEnd, type TJobOutcome, type TJobRun } from './run-as-job';

export { LOCAL_WORKER_ID };

/**
 * Inserts a job that this process runs itself, already claimed (RUNNING, attempt 1, heartbeat
 * now, `Queued` + `Claimed` conditions in one insert): no worker can take it while its
 * heartbeat is fresh, and if this process dies the relay treats it like any stale claimed job —
 * a worker takes it over (attempt 2) or it fails after WORKER_MAX_ATTEMPTS, with the reason.
 * Not for RESTORE / UNDO: a writer of a tenant starts through `claimWriterHere`
 * (claim-writer-here.ts: one writer per tenant, quotas, takeover), never beside another.
 */
export async function startJobHere(args: {
  tenantId: string;
  type: JobType;
  payload: Prisma.InputJsonValue;
  createdById?: string | null;
  origin?: string;
}): Promise<TClaimedJob> {
  if ((WRITER_JOB_TYPES as readonly string[]).includes(args.type))
    throw new Error(`${args.type} jobs start through claimWriterHere (one writer per tenant), not startJobHere`);
  return db.job.create({ data: localJobData(args), select: CLAIMED_SELECT });
}

export const CLAIMED_SELECT = { id: true, tenantId: true, type: true, payload: true, attempts: true, createdById: true, result: true } as const;

/** The row of a job run in this process: RUNNING, attempt 1, `Queued` + `Claimed` by this process. */
export function localJobData(args: { tenantId: string; type: JobType; payload: Prisma.InputJsonValue; createdById?: string | null; origin?: string }) {
  const at = new Date();
  const conditions: TJobCondition[] = [
    { at: at.toISOString(), type: 'Queued', message: `run in this process (${args.origin ?? 'local'})` },
    { at: at.toISOString(), type: 'Claimed', message: `attempt 1 by worker ${LOCAL_WORKER_ID}` },
  ];
  return {
    tenantId: args.tenantId,
    type: args.type,
    status: 'RUNNING',
    payload: args.payload,
    createdById: args.createdById ?? null,
    attempts: 1,
    startedAt: at,
    heartbeatAt: at,
    conditions: conditions as Prisma.InputJsonValue,
  } satisfies Prisma.JobUncheckedCreateInput;
}

/** startJobHere + runAsJob: the same lifecycle as a worker's job, in this process. */
export async function runJobHere<T>(
  args: Parameters<typeof startJobHere>[0] & { stop?: AbortSignal },
  work: (run: TJobRun) => Promise<TJobOutcome<T>>,
): Promise<TJobEnd<T>> {
  const job = await startJobHere(args);
  return runAsJob({ job, heartbeatMs: env().WORKER_HEARTBEAT_SECONDS * 1_000, stop: args.stop }, work);
}
