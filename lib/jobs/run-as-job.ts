import 'server-only';
import type { Logger } from 'pino';
import { db, Prisma } from '@/lib/db';
import type { TClaimedJob } from './claim-job';
import { recordJobCondition, type TJobCondition } from './job-conditions';

/** Why a running job was stopped from outside its work. */
export type TInterruption = 'cancelled' | 'lost' | 'shutdown';

export class JobInterrupted extends Error {
  constructor(readonly reason: TInterruption) {
    super(reason === 'cancelled' ? 'job cancelled' : reason === 'lost' ? 'job taken over by another worker' : 'worker shutting down');
    this.name = 'JobInterrupted';
  }
}

/** What a job's work gets: its row (this attempt's), an abort signal and the row's writers. */
export type TJobRun = {
  jobId: string;
  tenantId: string;
  /** this claim's attempt number */
  attempt: number;
  payload: Prisma.JsonValue;
  /** the result an earlier attempt of this job stored (a resumed job), else null */
  previousResult: unknown;
  /** aborted when the job is cancelled, taken over by another worker, or on shutdown */
  signal: AbortSignal;
  /** appends a timestamped condition to the job's history (while this attempt owns the row) */
  note(type: string, message?: string): Promise<void>;
  /** stores what is known so far (kept if the run fails later: a resumed attempt or undo needs it) */
  setResult(result: unknown): Promise<void>;
  /** progress (plain JSON), written with the heartbeat at most once a second; the last one is always written */
  progress(progress: unknown): void;
  /** inside a transaction: locks the row and throws unless this attempt still owns it RUNNING */
  assertOwned(tx: Prisma.TransactionClient): Promise<void>;
};

/** `result` is stored as the job's result: plain JSON only. `cancelled`: the job ends CANCELLED. */
export type TJobOutcome<T = unknown> = { ok: boolean; message?: string; result?: T; cancelled?: boolean };

export type TJobEnd<T> = {
  jobId: string;
  /** REQUEUED: handed back on shutdown; LOST: another attempt owns the row now */
  status: 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'REQUEUED' | 'LOST';
  message: string;
  /** what the work returned (null when it threw or was interrupted) */
  outcome: TJobOutcome<T> | null;
};

const PROGRESS_EVERY_MS = 1_000;

/**
 * THE job lifecycle, for the worker and for jobs run in this process (CLI, seeders) alike: the
 * row is already claimed (RUNNING at `job.attempts`); `Running` is recorded, a heartbeat runs
 * every `heartbeatMs` while the row is still RUNNING at this attempt, and a row found CANCELLED
 * (or taken over) aborts the work's signal. The work's outcome becomes the terminal condition
 * (Succeeded | Failed | Cancelled, with result/error/finishedAt), written only while this attempt
 * owns the row; a throw fails the job with its message. `stop` aborting means shutdown: the job
 * goes back to QUEUED (`Requeued`) for the next worker. Never throws.
 */
export async function runAsJob<T>(
  args: { job: TClaimedJob; heartbeatMs: number; log?: Logger; stop?: AbortSignal },
  work: (run: TJobRun) => Promise<TJobOutcome<T>>,
): Promise<TJobEnd<T>> {
  const { job } = args;
  const attempt = job.attempts;
  const controller = new AbortController();
  const interrupt = (reason: TInterruption) => {
    if (!controller.signal.aborted) controller.abort(new JobInterrupted(reason));
  };
  const onStop = () => interrupt('shutdown');
  if (args.stop?.aborted) onStop();
  args.stop?.addEventListener('abort', onStop, { once: true });

  let latest: string | null = null;
  let written: string | null = null;
  let lastWrite = 0;
  let inFlight: Promise<unknown> = Promise.resolve();
  const writeProgress = (json: string) =>
    db.$executeRaw`UPDATE jobs SET progress = ${json}::jsonb, heartbeat_at = now() WHERE id = ${job.id} AND status = 'RUNNING' AND attempts = ${attempt}`.catch(
      () => 0,
    );
  const flushProgress = async () => {
    await inFlight;
    if (latest !== null && latest !== written) {
      written = latest;
      await writeProgress(latest);
    }
  };

  const beat = setInterval(() => {
    void heartbeat(job.id, attempt)
      .then((state) => {
        if (state !== 'running') {
          args.log?.warn({ state }, 'job stopped from outside');
          interrupt(state);
        }
      })
      .catch((e: unknown) => args.log?.warn({ err: e }, 'heartbeat failed'));
  }, args.heartbeatMs);

  const run: TJobRun = {
    jobId: job.id,
    tenantId: job.tenantId ?? '',
    attempt,
    payload: job.payload,
    previousResult: job.result ?? null,
    signal: controller.signal,
    note: async (type, message) => {
      const entry: TJobCondition = { at: new Date().toISOString(), type, ...(message === undefined ? {} : { message }) };
      await db.$executeRaw`UPDATE jobs SET conditions = conditions || ${JSON.stringify([entry])}::jsonb WHERE id = ${job.id} AND attempts = ${attempt}`;
    },
    setResult: async (result) => {
      await db.job.updateMany({ where: { id: job.id, status: 'RUNNING', attempts: attempt }, data: { result: result as Prisma.InputJsonValue } });
    },
    progress(progress) {
      latest = JSON.stringify(progress);
      if (Date.now() - lastWrite < PROGRESS_EVERY_MS) return;
      lastWrite = Date.now();
      written = latest;
      inFlight = writeProgress(latest);
    },
    assertOwned: async (tx) => {
      const [row] = await tx.$queryRaw<
        Array<{ status: string; attempts: number }>
      >`SELECT status::text AS status, attempts FROM jobs WHERE id = ${job.id} FOR UPDATE`;
      if (row?.status !== 'RUNNING' || row.attempts !== attempt) throw new JobInterrupted(row?.status === 'CANCELLED' ? 'cancelled' : 'lost');
    },
  };

  let outcome: TJobOutcome<T> | null = null;
  let failure: unknown;
  try {
    if (!job.tenantId) throw new Error(`${job.type} jobs without a tenant cannot run in this build`);
    await recordJobCondition(job.id, { type: 'Running' });
    outcome = await work(run);
  } catch (e) {
    failure = e ?? new Error('job failed');
    // The work found the row no longer its own (assertOwned): the same as the heartbeat noticing.
    if (e instanceof JobInterrupted) interrupt(e.reason);
  }
  try {
    await flushProgress();
    // A cancel that landed before the heartbeat noticed it still counts as a cancel.
    if (!controller.signal.aborted && (await db.job.findUnique({ where: { id: job.id }, select: { status: true } }))?.status === 'CANCELLED')
      interrupt('cancelled');
    if (controller.signal.aborted) return await finishInterrupted(job, (controller.signal.reason as JobInterrupted).reason);
    if (failure !== undefined || !outcome) {
      const message = failure instanceof Error ? failure.message : String(failure);
      args.log?.error({ err: failure }, 'job failed');
      const applied = await recordJobCondition(job.id, { type: 'Failed', message }, { status: 'FAILED', finishedAt: new Date(), error: message }, { attempt });
      return { jobId: job.id, status: applied ? 'FAILED' : 'LOST', message, outcome: null };
    }
    const status = outcome.cancelled ? 'CANCELLED' : outcome.ok ? 'SUCCEEDED' : 'FAILED';
    const message = outcome.message ?? (outcome.ok ? 'done' : 'failed');
    const applied = await recordJobCondition(
      job.id,
      { type: outcome.cancelled ? 'Cancelled' : outcome.ok ? 'Succeeded' : 'Failed', message },
      {
        status,
        finishedAt: new Date(),
        ...(outcome.result !== undefined ? { result: outcome.result as Prisma.InputJsonValue } : {}),
        ...(status === 'FAILED' ? { error: message } : {}),
      },
      { attempt },
    );
    return { jobId: job.id, status: applied ? status : 'LOST', message, outcome };
  } finally {
    clearInterval(beat);
    args.stop?.removeEventListener('abort', onStop);
  }
}

async function finishInterrupted<T>(job: TClaimedJob, reason: TInterruption): Promise<TJobEnd<T>> {
  if (reason === 'cancelled') {
    await db.job.updateMany({ where: { id: job.id, status: 'CANCELLED', finishedAt: null }, data: { finishedAt: new Date() } });
    await recordJobCondition(job.id, { type: 'Cancelled', message: `stopped at attempt ${job.attempts}` });
    return { jobId: job.id, status: 'CANCELLED', message: 'job cancelled', outcome: null };
  }
  if (reason === 'shutdown') {
    const entry = JSON.stringify([{ at: new Date().toISOString(), type: 'Requeued', message: 'worker shut down; handed back to the queue' }]);
    const n = await db.$executeRaw`UPDATE jobs SET status = 'QUEUED', heartbeat_at = NULL, conditions = conditions || ${entry}::jsonb
      WHERE id = ${job.id} AND status = 'RUNNING' AND attempts = ${job.attempts}`;
    return {
      jobId: job.id,
      status: n > 0 ? 'REQUEUED' : 'LOST',
      message: n > 0 ? 'handed back to the queue' : 'no longer running at this attempt',
      outcome: null,
    };
  }
  return { jobId: job.id, status: 'LOST', message: 'job taken over by another worker', outcome: null };
}

async function heartbeat(jobId: string, attempt: number): Promise<'running' | TInterruption> {
  const n = await db.$executeRaw`UPDATE jobs SET heartbeat_at = now() WHERE id = ${jobId} AND status = 'RUNNING' AND attempts = ${attempt}`;
  if (n > 0) return 'running';
  const row = await db.job.findUnique({ where: { id: jobId }, select: { status: true, attempts: true } });
  if (row?.status === 'CANCELLED') return 'cancelled';
  // Finished by this attempt a moment ago: nothing to interrupt.
  if (row && row.attempts === attempt && row.status !== 'QUEUED' && row.status !== 'RUNNING') return 'running';
  return 'lost';
}
