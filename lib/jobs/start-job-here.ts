import 'server-only';
import { hostname } from 'node:os';
import { db, type JobType, type Prisma } from '@/lib/db';
import { env } from '@/lib/env';
import type { TClaimedJob } from './claim-job';
import type { TJobCondition } from './job-conditions';
import { runAsJob, type TJobEnd, type TJobOutcome, type TJobRun } from './run-as-job';

/** This process as a job owner (the CLI, a seeder): named like a worker in `Claimed` conditions. */
export const LOCAL_WORKER_ID = `local:${hostname()}:${process.pid}`;

/**
 * Inserts a job that this process runs itself, already claimed (RUNNING, attempt 1, heartbeat
 * now, `Queued` + `Claimed` conditions in one insert): no worker can take it while its
 * heartbeat is fresh, and if this process dies the relay treats it like any stale claimed job —
 * a worker takes it over (attempt 2) or it fails after WORKER_MAX_ATTEMPTS, with the reason.
 */
export async function startJobHere(args: {
  tenantId: string;
  type: JobType;
  payload: Prisma.InputJsonValue;
  createdById?: string | null;
  origin?: string;
}): Promise<TClaimedJob> {
  const at = new Date();
  const conditions: TJobCondition[] = [
    { at: at.toISOString(), type: 'Queued', message: `run in this process (${args.origin ?? 'local'})` },
    { at: at.toISOString(), type: 'Claimed', message: `attempt 1 by worker ${LOCAL_WORKER_ID}` },
  ];
  const row = await db.job.create({
    data: {
      tenantId: args.tenantId,
      type: args.type,
      status: 'RUNNING',
      payload: args.payload,
      createdById: args.createdById ?? null,
      attempts: 1,
      startedAt: at,
      heartbeatAt: at,
      conditions: conditions as Prisma.InputJsonValue,
    },
    select: { id: true, tenantId: true, type: true, payload: true, attempts: true, createdById: true, result: true },
  });
  return row;
}

/** startJobHere + runAsJob: the same lifecycle as a worker's job, in this process. */
export async function runJobHere<T>(
  args: Parameters<typeof startJobHere>[0] & { stop?: AbortSignal },
  work: (run: TJobRun) => Promise<TJobOutcome<T>>,
): Promise<TJobEnd<T>> {
  const job = await startJobHere(args);
  return runAsJob({ job, heartbeatMs: env().WORKER_HEARTBEAT_SECONDS * 1_000, stop: args.stop }, work);
}
