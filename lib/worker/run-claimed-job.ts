import type { Logger } from 'pino';
import type { TClaimedJob } from '@/lib/jobs/claim-job';
import { failClaimedJob } from '@/lib/jobs/job-conditions';
import { runAsJob } from '@/lib/jobs/run-as-job';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { JOB_HANDLERS, routeOf, type TJobHandler, type TJobRoute } from './job-handlers';

export type TRunningJob = { job: TClaimedJob; interrupt(reason: 'shutdown'): void; done: Promise<void> };

/**
 * Runs one claimed job through runAsJob (lib/jobs: heartbeat, progress, terminal condition,
 * abort on cancel or takeover) with the handler of its route. `interrupt('shutdown')` hands the
 * job back to the queue for the next worker (a restore resumes from its journal, a backup starts
 * over). A route without a handler fails the job at once, naming it.
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
  const stop = new AbortController();
  const done = (async () => {
    const route = routeOf(job);
    const handler = (args.handlers ?? JOB_HANDLERS)[route];
    const started = Date.now();
    log.info({ route }, 'job started');
    if (!handler) {
      await failClaimedJob(job, `no handler is registered for ${route} jobs in this build`);
      log.error({ route }, 'job failed: no handler');
      return;
    }
    const end = await runAsJob({ job, heartbeatMs: args.heartbeatMs, log, stop: stop.signal }, (run) =>
      handler({ job: { ...job, tenantId: run.tenantId }, ctx: args.ctx, run, log }),
    );
    if (end.status === 'REQUEUED') log.info('job handed back to the queue');
    else if (end.status === 'LOST') log.warn({ message: end.message }, "job is no longer this attempt's; this attempt stops");
    else if (end.status === 'CANCELLED') log.info('job cancelled');
    else log.info({ ms: Date.now() - started, ok: end.status === 'SUCCEEDED', status: end.status }, 'job finished');
  })();
  return { job, interrupt: () => stop.abort(), done };
}
