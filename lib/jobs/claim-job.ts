import 'server-only';
import { db, Prisma, type JobType } from '@/lib/db';

export type TClaimedJob = {
  id: string;
  tenantId: string | null;
  type: JobType;
  payload: Prisma.JsonValue;
  /** this claim's attempt number (1 for the first run) */
  attempts: number;
  createdById: string | null;
  /** what an earlier attempt stored (a resumed job) */
  result: Prisma.JsonValue | null;
};

/**
 * Takes a job for this worker, atomically: a QUEUED row, or a RUNNING row whose heartbeat is
 * older than `staleSeconds` (its worker died) — and only at the attempt the message was sent
 * for, so of two workers holding messages for the same row exactly one wins (Postgres re-checks
 * the WHERE clause on the locked row). Null when the job is not claimable (done, cancelled,
 * running elsewhere, or already claimed by another worker).
 */
export async function claimJob(args: {
  tenantIds?: string[];
  jobId: string;
  attempts: number;
  staleSeconds: number;
  workerId: string;
}): Promise<TClaimedJob | null> {
  // The Claimed condition goes in with the claim: the relay only re-sends stale RUNNING jobs a
  // worker claimed, so a worker killed right after claiming must not leave a row without it.
  const claimed = (attempt: number) =>
    JSON.stringify([{ at: new Date().toISOString(), type: 'Claimed', message: `attempt ${attempt} by worker ${args.workerId}` }]);
  const rows = await db.$queryRaw<TClaimedJob[]>`
    UPDATE jobs SET status = 'RUNNING', attempts = attempts + 1, heartbeat_at = now(),
                    started_at = COALESCE(started_at, now()), finished_at = NULL, error = NULL,
                    conditions = conditions || ${claimed(args.attempts + 1)}::jsonb
    WHERE id = ${args.jobId} AND attempts = ${args.attempts}
      ${args.tenantIds ? Prisma.sql`AND tenant_id IN (${Prisma.join(args.tenantIds)})` : Prisma.empty}
      AND (status = 'QUEUED'
           OR (status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => ${args.staleSeconds}::float8)))
    RETURNING id, tenant_id AS "tenantId", type::text AS type, payload, attempts, created_by_id AS "createdById", result`;
  return rows[0] ?? null;
}
