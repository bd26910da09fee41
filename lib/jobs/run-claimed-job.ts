import 'server-only';
import type { Logger } from 'pino';
import { db, type Prisma } from '@/lib/db';
import type { TEngineContext } from '@/lib/vault/engine-context';
import type { TClaimedJob } from './claim-job';
import { recordJobCondition } from './job-conditions';
import { JOB_HANDLERS, routeOf, type TJobHandler, type TJobRoute } from './job-handlers';

/** Why a running job was stopped from outside its handler. */
export type TInterruption = 'cancelled' | 'lost' | 'shutdown';

export class JobInterrupted extends Error {
  constructor(readonly reason: TInterruption) {
    super(reason === 'cancelled' ? 'job cancelled' : reason === 'lost' ? 'job taken over by another worker' : 'worker shutting down');
    this.name = 'JobInterrupted';
  }
}

export type TRunningJob = { job: TClaimedJob; interrupt(reason: TInterruption): void; done: Promise<void> };

/**
 * Runs one claimed job: heartbeats every `heartbeatMs` while the row is still RUNNING at this
 * attempt; a row that turned CANCELLED (or was taken over) aborts the handler's signal. Writes
 * the outcome unless the handler already did; on shutdown the job goes back to QUEUED for the
 * next worker (a restore resumes from its journal, a backup starts over).
 */
export function startClaimedJob(args: {
  job: TClaimedJob;
  ctx: TEngineContext;
  log: Logger;
  heartbeatMs: number;
  handlers?: Partial<Record<TJobRoute, TJobHandler>>;
}): TRunningJob {
  const { job } = args;
  const log = args.log.child({ jobId: job.id, type: job.type, attempt: job.attempts });
  const controller = new AbortController();
  const interrupt = (reason: TInterruption) => {
    if (!controller.signal.aborted) controller.abort(new JobInterrupted(reason));
  };
  const beat = setInterval(() => {
    void heartbeat(job).then((state) => {
      if (state !== 'running') {
        log.warn({ state }, 'job stopped from outside');
        interrupt(state);
      }
    }).catch((e: unknown) => log.warn({ err: e }, 'heartbeat failed'));
  }, args.heartbeatMs);

  const done = (async () => {
    const route = routeOf(job);
    const handler = (args.handlers ?? JOB_HANDLERS)[route];
    const started = Date.now();
    log.info({ route }, 'job started');
    let outcome: Awaited<ReturnType<TJobHandler>> | undefined;
    let failure: unknown;
    try {
      if (!job.tenantId) throw new Error(`${job.type} jobs without a tenant have no handler in this build`);
      if (!handler) throw new Error(`no handler is registered for ${route} jobs in this build`);
      outcome = await handler({ job: { ...job, tenantId: job.tenantId }, ctx: args.ctx, signal: controller.signal, log });
    } catch (e) {
      failure = e ?? new Error('handler failed');
    }
    try {
      // A cancel that landed before the heartbeat noticed it still counts as a cancel.
      if (!controller.signal.aborted && (await db.job.findUnique({ where: { id: job.id }, select: { status: true } }))?.status === 'CANCELLED') {
        interrupt('cancelled');
      }
      if (controller.signal.aborted) throw controller.signal.reason;
      if (failure !== undefined) throw failure;
      const ok = outcome?.ok ?? true;
      const message = outcome?.message ?? (ok ? 'done' : 'failed');
      await recordJobCondition(job.id, { type: ok ? 'Succeeded' : 'Failed', message }, {
        status: ok ? 'SUCCEEDED' : 'FAILED',
        finishedAt: new Date(),
        ...(outcome?.result !== undefined ? { result: outcome.result as Prisma.InputJsonValue } : {}),
        ...(ok ? {} : { error: message }),
      }, { attempt: job.attempts });
      log.info({ ms: Date.now() - started, ok }, 'job finished');
    } catch (e) {
      const reason = controller.signal.aborted ? (controller.signal.reason as JobInterrupted).reason : null;
      if (reason === 'cancelled') {
        await db.job.updateMany({ where: { id: job.id, status: 'CANCELLED', finishedAt: null }, data: { finishedAt: new Date() } });
        await recordJobCondition(job.id, { type: 'Cancelled', message: `stopped at attempt ${job.attempts}` });
        log.info('job cancelled');
      } else if (reason === 'shutdown') {
        const entry = JSON.stringify([{ at: new Date().toISOString(), type: 'Requeued', message: 'worker shut down; handed back to the queue' }]);
        const n = await db.$executeRaw`UPDATE jobs SET status = 'QUEUED', heartbeat_at = NULL, conditions = conditions || ${entry}::jsonb
          WHERE id = ${job.id} AND status = 'RUNNING' AND attempts = ${job.attempts}`;
        if (n > 0) log.info('job handed back to the queue');
        else log.warn('job could not be handed back: it was no longer running at this attempt');
      } else if (reason === 'lost') {
        log.warn('job was taken over by another worker; this attempt stops');
      } else {
        const message = e instanceof Error ? e.message : String(e);
        await recordJobCondition(job.id, { type: 'Failed', message }, { status: 'FAILED', finishedAt: new Date(), error: message }, { attempt: job.attempts });
        log.error({ err: e, ms: Date.now() - started }, 'job failed');
      }
    } finally {
      clearInterval(beat);
    }
  })();
  return { job, interrupt, done };
}

async function heartbeat(job: TClaimedJob): Promise<'running' | TInterruption> {
  const n = await db.$executeRaw`UPDATE jobs SET heartbeat_at = now() WHERE id = ${job.id} AND status = 'RUNNING' AND attempts = ${job.attempts}`;
  if (n > 0) return 'running';
  const row = await db.job.findUnique({ where: { id: job.id }, select: { status: true, attempts: true } });
  if (row?.status === 'CANCELLED') return 'cancelled';
  // Finished by this attempt's handler a moment ago: nothing to interrupt.
  if (row && row.attempts === job.attempts && row.status !== 'QUEUED' && row.status !== 'RUNNING') return 'running';
  return 'lost';
}
