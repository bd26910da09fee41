import 'server-only';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import pino, { type Logger } from 'pino';
import { env } from '@/lib/env';
import { claimJob } from '@/lib/jobs/claim-job';
import { queueNameFor, startJobQueue, type TJobMessage } from '@/lib/jobs/job-queue';
import { relayJobs } from '@/lib/jobs/relay-jobs';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { closeSharedEngineContext, getSharedEngineContext } from '@/lib/vault/shared-engine-context';
import { startCaptureLoop } from '@/lib/pitr/start-capture-loop';
import { startMaintenanceLoop } from './maintenance-loop';
import { startClaimedJob, type TRunningJob } from './run-claimed-job';
import { startScheduleLoop } from './schedule-loop';

export type TWorker = { workerId: string; log: Logger; running(): string[]; stop(): Promise<void> };

/**
 * One worker process: relays committed QUEUED (and abandoned RUNNING) catalog jobs to pg-boss,
 * takes messages (`WORKER_CONCURRENCY` at a time), claims the row atomically and runs its
 * handler with a heartbeat. `stop()` stops taking work, lets running jobs finish for
 * `WORKER_SHUTDOWN_GRACE_SECONDS`, then hands the rest back to the queue.
 */
export async function startWorker(): Promise<TWorker> {
  const e = env();
  const workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const log = pino({ name: 'vaultline-worker', level: e.LOG_LEVEL, base: { workerId } });
  // One engine context (MongoClient, S3 client, key provider) for every job of this process.
  const ctx: TEngineContext = await getSharedEngineContext();
  const tenantIds = e.WORKER_TENANTS;
  const queue = queueNameFor(tenantIds);
  const boss = await startJobQueue(e.DATABASE_URL, queue, (err) => log.error({ err }, 'queue error'));
  const running = new Map<string, TRunningJob>();
  let stopping = false;
  let handingBack = false;
  // Every message being handled, from fetch to done (a claim may be in flight when stop() starts).
  const handling = new Set<Promise<void>>();
  const track = (work: () => Promise<void>): Promise<void> => {
    const p = work();
    handling.add(p);
    void p.finally(() => handling.delete(p)).catch(() => undefined);
    return p;
  };

  let relaying = false;
  const relay = async () => {
    if (relaying || stopping) return;
    relaying = true;
    try {
      const r = await relayJobs(boss, { queue, tenantIds, staleSeconds: e.WORKER_STALE_SECONDS, maxAttempts: e.WORKER_MAX_ATTEMPTS });
      if (r.sent > 0 || r.failed > 0) log.debug(r, 'relayed');
    } catch (err) {
      log.warn({ err }, 'relay failed');
    } finally {
      relaying = false;
    }
  };
  const relayTimer = setInterval(() => void relay(), 1_000);
  void relay();

  for (let i = 0; i < e.WORKER_CONCURRENCY; i++) {
    await boss.work<TJobMessage>(queue, { batchSize: 1, pollingIntervalSeconds: 0.5 }, ([message]) =>
      track(async () => {
        if (!message) return;
        // Thrown, not returned: pg-boss retries the message later, on a worker that is not leaving.
        if (stopping) throw new Error('worker is stopping');
        const job = await claimJob({ tenantIds, jobId: message.data.jobId, attempts: message.data.attempts, staleSeconds: e.WORKER_STALE_SECONDS, workerId });
        if (!job) {
          log.debug({ jobId: message.data.jobId }, 'job not claimable (done, cancelled or taken)');
          return;
        }
        const run = startClaimedJob({ job, ctx, log, heartbeatMs: e.WORKER_HEARTBEAT_SECONDS * 1_000 });
        running.set(job.id, run);
        // Claimed while stop() was already handing jobs back: hand this one back too.
        if (stopping && handingBack) run.interrupt('shutdown');
        try {
          await run.done;
        } finally {
          running.delete(job.id);
        }
      }),
    );
  }
  const scheduler = startScheduleLoop({ log, tenantIds });
  const stopMaintenance = startMaintenanceLoop({ log, tenantIds });
  const capture = startCaptureLoop({ ctx, log });
  log.info({ queue, tenantIds, concurrency: e.WORKER_CONCURRENCY, staleSeconds: e.WORKER_STALE_SECONDS }, 'worker started');

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      stopping = true;
      clearInterval(relayTimer);
      await scheduler.stop();
      await stopMaintenance();
      await capture.stop();
      await boss.offWork(queue);
      const deadline = Date.now() + e.WORKER_SHUTDOWN_GRACE_SECONDS * 1_000;
      while (handling.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      handingBack = true;
      for (const run of running.values()) run.interrupt('shutdown');
      await Promise.allSettled([...handling]);
      await boss.stop({ graceful: true, wait: true, timeout: 5_000 });
      await closeSharedEngineContext();
      log.info('worker stopped');
    })());
  return { workerId, log, running: () => [...running.keys()], stop };
}
