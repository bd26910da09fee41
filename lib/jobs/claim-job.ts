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

/** Jobs that write a tenant's live data: at most one of them RUNNING per tenant. */
export const WRITER_JOB_TYPES = ['RESTORE', 'UNDO'] as const satisfies readonly JobType[];
/** Jobs that must not start while a writer of their tenant runs (they would read half-written data). */
export const WAITS_FOR_WRITER_JOB_TYPES = ['RESTORE', 'UNDO', 'BACKUP'] as const satisfies readonly JobType[];

/** One lock for every claim (and every local writer start): the checks below and the claim are one step. */
export const CLAIM_LOCK_KEY = 7_301_942;

const writers = Prisma.join(WRITER_JOB_TYPES.map((t) => Prisma.sql`${t}::job_type`));
const waiters = Prisma.join(WAITS_FOR_WRITER_JOB_TYPES.map((t) => Prisma.sql`${t}::job_type`));

type TWhyNot = { status: string; type: string; blockedBy: string | null; blockedByType: string | null; fairer: string | null; ahead: number };

export type TClaimArgs = {
  tenantIds?: string[];
  jobId: string;
  attempts: number;
  staleSeconds: number;
  workerId: string;
};

/**
 * Takes a job for this worker, atomically: a QUEUED row, or a RUNNING row whose heartbeat is
 * older than `staleSeconds` (its worker died) — and only at the attempt the message was sent
 * for, so of two workers holding messages for the same row exactly one wins (Postgres re-checks
 * the WHERE clause on the locked row). Null when the job is not claimable (done, cancelled,
 * running elsewhere, or already claimed by another worker).
 *
 * A QUEUED job also waits (null; the row says why, see below) when
 * - **one writer per tenant**: it is a RESTORE / UNDO / BACKUP and a RESTORE or UNDO of its
 *   tenant is RUNNING (a stale one too: it is taken over, not overtaken);
 * - **fair scheduling**: a claimable QUEUED job (in this worker's scope) of another tenant goes
 *   first — tenants rank by (jobs RUNNING, least recently started, oldest queued job), so a
 *   tenant with work running or served last waits behind one that has nothing running.
 * A waiting job gets `progress = { phase: 'waiting', message }` (a `Waiting` condition when the
 * reason changes) and a fresh `heartbeatAt`: the relay sends it again, so it is retried about
 * once a second until it is claimed. A stale RUNNING job is always taken over (it already started).
 */
export async function claimJob(args: TClaimArgs): Promise<TClaimedJob | null> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CLAIM_LOCK_KEY}::bigint)`;
    return claimJobLocked(tx, args);
  });
}

/** claimJob's checks and UPDATE inside a transaction that already holds CLAIM_LOCK_KEY (a local writer's start, lib/jobs/claim-writer-here.ts). */
export async function claimJobLocked(tx: Prisma.TransactionClient, args: TClaimArgs): Promise<TClaimedJob | null> {
  // The Claimed condition goes in with the claim: the relay only re-sends stale RUNNING jobs a
  // worker claimed, so a worker killed right after claiming must not leave a row without it.
  const claimed = (attempt: number) =>
    JSON.stringify([{ at: new Date().toISOString(), type: 'Claimed', message: `attempt ${attempt} by worker ${args.workerId}` }]);
  const scope = (col: Prisma.Sql) => (args.tenantIds ? Prisma.sql`AND ${col} IN (${Prisma.join(args.tenantIds)})` : Prisma.empty);
  const why = await tx.$queryRaw<TWhyNot[]>`
      WITH j AS (SELECT * FROM jobs WHERE id = ${args.jobId} AND attempts = ${args.attempts} ${scope(Prisma.sql`tenant_id`)}),
      blocker AS (
        SELECT o.id, o.type::text AS type FROM jobs o, j
        WHERE j.type IN (${waiters}) AND o.tenant_id = j.tenant_id AND o.id <> j.id AND o.status = 'RUNNING' AND o.type IN (${writers})
        ORDER BY o.started_at LIMIT 1),
      claimable AS (
        SELECT q.id, q.tenant_id, q.created_at FROM jobs q
        WHERE q.status = 'QUEUED' ${scope(Prisma.sql`q.tenant_id`)}
          AND NOT (q.type IN (${waiters}) AND EXISTS (
            SELECT 1 FROM jobs w WHERE w.tenant_id = q.tenant_id AND w.status = 'RUNNING' AND w.type IN (${writers})))),
      rank AS (
        SELECT c.tenant_id,
               (SELECT count(*) FROM jobs r WHERE r.tenant_id IS NOT DISTINCT FROM c.tenant_id AND r.status = 'RUNNING') AS running,
               (SELECT max(s.started_at) FROM jobs s WHERE s.tenant_id IS NOT DISTINCT FROM c.tenant_id) AS last_started,
               min(c.created_at) AS oldest
        FROM (SELECT tenant_id, created_at FROM claimable UNION ALL SELECT tenant_id, created_at FROM j) c
        GROUP BY c.tenant_id),
      ordered AS (
        SELECT tenant_id, row_number() OVER (ORDER BY running, last_started NULLS FIRST, oldest, tenant_id) AS pos FROM rank)
      SELECT j.status::text AS status, j.type::text AS type,
             (SELECT id FROM blocker) AS "blockedBy", (SELECT type FROM blocker) AS "blockedByType",
             (SELECT c.id FROM claimable c JOIN ordered o ON o.tenant_id IS NOT DISTINCT FROM c.tenant_id
               WHERE o.pos < (SELECT pos FROM ordered WHERE tenant_id IS NOT DISTINCT FROM j.tenant_id)
               ORDER BY o.pos, c.created_at LIMIT 1) AS fairer,
             (SELECT count(*)::int FROM claimable c JOIN ordered o ON o.tenant_id IS NOT DISTINCT FROM c.tenant_id
               WHERE o.pos < (SELECT pos FROM ordered WHERE tenant_id IS NOT DISTINCT FROM j.tenant_id)) AS ahead
      FROM j`;
  const w = why[0];
  if (!w) return null;
  if (w.status === 'QUEUED' && (w.blockedBy || w.fairer)) {
    const message = w.blockedBy
      ? `waiting: ${w.blockedByType} job ${w.blockedBy} of this tenant is running (one writer per tenant at a time)`
      : `waiting: ${w.ahead} job${w.ahead === 1 ? '' : 's'} of other tenants ahead (fair scheduling across tenants)`;
    const reason = w.blockedBy ? `writer:${w.blockedBy}` : 'fair-share';
    const entry = JSON.stringify([{ at: new Date().toISOString(), type: 'Waiting', message }]);
    const progress = JSON.stringify({ phase: 'waiting', message, reason });
    await tx.$executeRaw`
        UPDATE jobs SET heartbeat_at = now(), progress = ${progress}::jsonb,
               conditions = CASE WHEN progress->>'reason' IS DISTINCT FROM ${reason} THEN conditions || ${entry}::jsonb ELSE conditions END
        WHERE id = ${args.jobId} AND status = 'QUEUED' AND attempts = ${args.attempts}`;
    return null;
  }
  const rows = await tx.$queryRaw<TClaimedJob[]>`
      UPDATE jobs SET status = 'RUNNING', attempts = attempts + 1, heartbeat_at = now(),
                      started_at = COALESCE(started_at, now()), finished_at = NULL, error = NULL,
                      progress = CASE WHEN progress->>'phase' = 'waiting' THEN NULL ELSE progress END,
                      conditions = conditions || ${claimed(args.attempts + 1)}::jsonb
      WHERE id = ${args.jobId} AND attempts = ${args.attempts}
        ${scope(Prisma.sql`tenant_id`)}
        AND (status = 'QUEUED'
             OR (status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => ${args.staleSeconds}::float8)))
      RETURNING id, tenant_id AS "tenantId", type::text AS type, payload, attempts, created_by_id AS "createdById", result`;
  return rows[0] ?? null;
}
