import 'server-only';
import { db, type Prisma } from '@/lib/db';
import { heartbeatJob, recordJobCondition } from '@/lib/jobs/job-conditions';

export type TRestoreJobType = 'DRY_RUN' | 'RESTORE' | 'UNDO';

export type TJobContext = {
  jobId: string;
  /** the result an earlier attempt of this job stored (a resumed job), else null */
  previousResult: unknown;
  /** appends a timestamped condition to the job's history */
  note(type: string, message?: string): Promise<void>;
  /** stores what is known so far (kept if the run fails later: undo needs it) */
  setResult(result: unknown): Promise<void>;
  /** progress + heartbeat, throttled to one write a second */
  heartbeat(progress: Prisma.InputJsonValue): void;
};

/** `result` is stored as the job's result: plain JSON only. `cancelled`: the job ends CANCELLED (nothing was done). */
export type TJobOutcome<T> = { ok: boolean; message: string; result: T; cancelled?: boolean };

/**
 * Runs one restore-side operation as a Job row, the way runBackup does: RUNNING with a
 * `Running` condition, then `Succeeded` or `Failed` (status, finishedAt, result / error). A
 * thrown error fails the job and is rethrown; an outcome with `ok: false` fails it without
 * throwing (a refused or unverified restore is a result the caller prints).
 */
export async function trackRestoreJob<T>(
  args: {
    tenantId: string;
    type: TRestoreJobType;
    payload: Prisma.InputJsonValue;
    createdById?: string | null;
    /** Run under this Job row (of this tenant and type), already claimed by the worker. */
    jobId?: string;
    /** The worker's attempt: terminal writes apply only while the row is still this attempt's. */
    attempt?: number;
    signal?: AbortSignal;
  },
  work: (job: TJobContext) => Promise<TJobOutcome<T>>,
): Promise<TJobOutcome<T> & { jobId: string }> {
  const job = args.jobId
    ? await db.job.findFirstOrThrow({ where: { id: args.jobId, tenantId: args.tenantId, type: args.type }, select: { id: true, result: true } })
    : await db.job.create({
        data: { tenantId: args.tenantId, type: args.type, status: 'RUNNING', payload: args.payload, createdById: args.createdById ?? null, startedAt: new Date(), attempts: 1 },
        select: { id: true, result: true },
      });
  const guard = { attempt: args.attempt };
  await recordJobCondition(job.id, { type: 'Running' });
  let lastBeat = 0;
  // The newest progress and the last write: throttled beats are dropped, so the newest one is
  // written when the work ends (a short restore would otherwise keep only its first beat).
  let latest: Prisma.InputJsonValue | null = null;
  let written: Prisma.InputJsonValue | null = null;
  let inFlight: Promise<void> = Promise.resolve();
  const flushProgress = async () => {
    await inFlight;
    if (latest !== null && latest !== written) await heartbeatJob(job.id, latest).catch(() => undefined);
  };
  const ctx: TJobContext = {
    jobId: job.id,
    previousResult: job.result ?? null,
    note: async (type, message) => void (await recordJobCondition(job.id, message === undefined ? { type } : { type, message })),
    setResult: async (result) => void (await db.job.update({ where: { id: job.id }, data: { result: result as Prisma.InputJsonValue } })),
    heartbeat(progress) {
      latest = progress;
      if (Date.now() - lastBeat < 1_000) return;
      lastBeat = Date.now();
      written = progress;
      inFlight = heartbeatJob(job.id, progress).catch(() => undefined);
    },
  };
  try {
    const outcome = await work(ctx).finally(flushProgress);
    const type = outcome.cancelled ? 'Cancelled' : outcome.ok ? 'Succeeded' : 'Failed';
    await recordJobCondition(job.id, { type, message: outcome.message }, {
      status: outcome.cancelled ? 'CANCELLED' : outcome.ok ? 'SUCCEEDED' : 'FAILED',
      finishedAt: new Date(),
      result: outcome.result as Prisma.InputJsonValue,
      ...(outcome.ok || outcome.cancelled ? {} : { error: outcome.message }),
    }, guard);
    return { ...outcome, jobId: job.id };
  } catch (e) {
    // Stopped from outside (cancel, shutdown, takeover): the worker that aborted decides the status.
    if (args.signal?.aborted) throw e;
    const message = e instanceof Error ? e.message : String(e);
    await recordJobCondition(job.id, { type: 'Failed', message }, { status: 'FAILED', finishedAt: new Date(), error: message }, guard);
    throw e;
  }
}

