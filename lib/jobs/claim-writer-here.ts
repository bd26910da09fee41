import 'server-only';
import { db, Prisma } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { CLAIM_LOCK_KEY, claimJobLocked, WRITER_JOB_TYPES, type TClaimedJob } from './claim-job';
import { assertJobQuota } from './enqueue-job';
import { isLocalOwnerGone, LOCAL_WORKER_ID, ownerOf } from './local-owner';
import { CLAIMED_SELECT, localJobData } from './start-job-here';

export type TWriterType = (typeof WRITER_JOB_TYPES)[number];

/** A running writer of the tenant that keeps this one from starting. */
export type TWriterBlocker = { id: string; type: string; heartbeatAt: Date | null; owner: string | null };

export type TWriterStart =
  | { ok: true; job: TClaimedJob; how: 'started' | 'took-over' | 'reopened' }
  /** writer: another RESTORE/UNDO of the tenant is RUNNING · quota: the tenant's quota is full ·
   *  refused: the caller's check said no · gone: the job to resume or supersede changed meanwhile (decide again) */
  | { ok: false; reason: 'writer' | 'quota' | 'refused' | 'gone'; message: string; blocker?: TWriterBlocker };

const writers = Prisma.join(WRITER_JOB_TYPES.map((t) => Prisma.sql`${t}::job_type`));

/**
 * Starts a RESTORE or UNDO that this process runs itself (the CLI), under the same one writer
 * per tenant rule and the same transaction advisory lock (CLAIM_LOCK_KEY) as every worker's
 * claim, so a local writer and a worker's never run at once for one tenant:
 *
 * - `check` (inside the lock, before anything is written) may refuse with a message;
 * - `supersede`: stale RUNNING writers to end first (FAILED with their `message`) — an undo of a
 *   restore whose process is gone, a restore interrupted before it wrote anything; each only at
 *   its attempt and while still stale, else `gone` and nothing is written;
 * - any other RUNNING RESTORE/UNDO of the tenant (stale too) → `writer`, nothing written;
 * - `resume`: the interrupted job is continued, not replaced — a RUNNING one whose heartbeat is
 *   older than `staleSeconds` through the claim itself (`claimJobLocked`: attempt + 1, `Claimed`
 *   by this process), a FAILED / CANCELLED one reopened (RUNNING at attempt + 1, within the quota);
 * - otherwise a new row, RUNNING at attempt 1 (`startJobHere`'s row), within the tenant's quota
 *   (`assertJobQuota`, the same count as enqueueJob's).
 */
export async function claimWriterHere(args: {
  tenantId: string;
  type: TWriterType;
  start?: { payload: Prisma.InputJsonValue; createdById?: string | null; origin?: string };
  resume?: { jobId: string; attempts: number; staleSeconds: number };
  supersede?: Array<{ jobId: string; attempts: number; staleSeconds: number; message: string }>;
  check?: (tx: Prisma.TransactionClient) => Promise<string | null>;
}): Promise<TWriterStart> {
  return db
    .$transaction(async (tx): Promise<TWriterStart> => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CLAIM_LOCK_KEY}::bigint)`;
      const refusal = args.check ? await args.check(tx) : null;
      if (refusal) return { ok: false, reason: 'refused', message: refusal };
      for (const s of args.supersede ?? []) {
        const entry = JSON.stringify([{ at: new Date().toISOString(), type: 'Failed', message: s.message }]);
        const n = await tx.$executeRaw`
        UPDATE jobs SET status = 'FAILED', finished_at = now(), error = ${s.message}, conditions = conditions || ${entry}::jsonb
        WHERE id = ${s.jobId} AND tenant_id = ${args.tenantId} AND status = 'RUNNING' AND attempts = ${s.attempts}
          AND heartbeat_at < now() - make_interval(secs => ${s.staleSeconds}::float8)`;
        // Throwing rolls back the ones already ended: all or nothing.
        if (n === 0) throw new SupersedeGone(`job ${s.jobId} is no longer stale at attempt ${s.attempts}`);
      }
      const [running] = await tx.$queryRaw<Array<Omit<TWriterBlocker, 'owner'> & { conditions: unknown }>>`
      SELECT id, type::text AS type, heartbeat_at AS "heartbeatAt", conditions FROM jobs
      WHERE tenant_id = ${args.tenantId} AND status = 'RUNNING' AND type IN (${writers}) AND id <> ${args.resume?.jobId ?? ''}
      ORDER BY started_at LIMIT 1`;
      if (running) {
        const blocker: TWriterBlocker = { id: running.id, type: running.type, heartbeatAt: running.heartbeatAt, owner: ownerOf(running.conditions) };
        const age = blocker.heartbeatAt ? Math.round((Date.now() - blocker.heartbeatAt.getTime()) / 1000) : null;
        const stale = age === null || age >= env().WORKER_STALE_SECONDS || isLocalOwnerGone(blocker.owner);
        const message =
          `${blocker.type} job ${blocker.id} of this tenant is running (one writer per tenant at a time; owner ${blocker.owner ?? 'unknown'}, last heartbeat ${age ?? '?'} s ago` +
          (stale ? '; its owner looks gone: a worker takes it over, or re-run the command that started it to resume it here)' : ')');
        return { ok: false, reason: 'writer', message, blocker };
      }
      const quota = async () => {
        try {
          await assertJobQuota(tx, { tenantId: args.tenantId, type: args.type });
          return null;
        } catch (e) {
          if (e instanceof AppError && e.code === 'INVALID_INPUT') return e.message;
          throw e;
        }
      };
      if (args.resume) return resumeLocked(tx, { ...args.resume, tenantId: args.tenantId, type: args.type }, quota);
      if (!args.start) throw new Error('claimWriterHere: nothing to start or resume');
      const full = await quota();
      if (full) return { ok: false, reason: 'quota', message: full };
      const job = await tx.job.create({ data: localJobData({ tenantId: args.tenantId, type: args.type, ...args.start }), select: CLAIMED_SELECT });
      return { ok: true, job, how: 'started' };
    })
    .catch((e: unknown) => {
      if (e instanceof SupersedeGone) return { ok: false, reason: 'gone', message: e.message };
      throw e;
    });
}

class SupersedeGone extends Error {}

async function resumeLocked(
  tx: Prisma.TransactionClient,
  r: { jobId: string; attempts: number; staleSeconds: number; tenantId: string; type: TWriterType },
  quota: () => Promise<string | null>,
): Promise<TWriterStart> {
  const gone = { ok: false, reason: 'gone', message: `job ${r.jobId} changed meanwhile (attempt ${r.attempts} is no longer resumable)` } as const;
  const row = await tx.job.findFirst({ where: { id: r.jobId, tenantId: r.tenantId, type: r.type, attempts: r.attempts }, select: { status: true } });
  if (row?.status === 'RUNNING') {
    const job = await claimJobLocked(tx, {
      jobId: r.jobId,
      attempts: r.attempts,
      staleSeconds: r.staleSeconds,
      workerId: LOCAL_WORKER_ID,
      tenantIds: [r.tenantId],
    });
    return job ? { ok: true, job, how: 'took-over' } : gone;
  }
  if (row?.status !== 'FAILED' && row?.status !== 'CANCELLED') return gone;
  // A reopened job is pending again: it counts against the quota like a new one.
  const full = await quota();
  if (full) return { ok: false, reason: 'quota', message: full };
  const claimed = JSON.stringify([
    { at: new Date().toISOString(), type: 'Claimed', message: `attempt ${r.attempts + 1} by worker ${LOCAL_WORKER_ID} (resumed after ${row.status})` },
  ]);
  const [job] = await tx.$queryRaw<TClaimedJob[]>`
    UPDATE jobs SET status = 'RUNNING', attempts = attempts + 1, heartbeat_at = now(), finished_at = NULL, error = NULL,
                    conditions = conditions || ${claimed}::jsonb
    WHERE id = ${r.jobId} AND tenant_id = ${r.tenantId} AND attempts = ${r.attempts} AND status IN ('FAILED', 'CANCELLED')
    RETURNING id, tenant_id AS "tenantId", type::text AS type, payload, attempts, created_by_id AS "createdById", result`;
  return job ? { ok: true, job, how: 'reopened' } : gone;
}
