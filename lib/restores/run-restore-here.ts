import 'server-only';
import { db, type Prisma } from '@/lib/db';
import type { TRestoreProgress } from '@/lib/engine';
import { env } from '@/lib/env';
import type { TClaimedJob } from '@/lib/jobs/claim-job';
import { runAsJob, type TJobEnd, type TJobOutcome, type TJobRun } from '@/lib/jobs/run-as-job';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { acquireWriterHere, type TAcquired, type TNotStartedCode } from './acquire-writer-here';
import { decideRestoreStart } from './decide-restore-start';
import { executeRestoreJob, type TRestoreRunResult } from './run-restore';

export type TWriterRunEnd<R> =
  | { started: true; how: 'started' | 'took-over' | 'reopened'; jobId: string; status: TJobEnd<R>['status']; message: string; result: R | null }
  /** finished: the job this run meant to resume was finished by someone else meanwhile (its status and result) */
  | { started: false; code: TNotStartedCode; message: string; jobId?: string; status?: string; result?: R | null };

export type TWriterRunOptions = {
  /** wait while another writer of the tenant runs (false: return `busy` at once) */
  wait: boolean;
  onWait?: (message: string) => void;
  pollMs?: number;
  signal?: AbortSignal;
};

/** Runs an acquired writer job through runAsJob (the worker's lifecycle), or reports why it did not start. */
export async function runAcquired<R>(
  tenantId: string,
  acquired: TAcquired,
  work: (job: TClaimedJob, run: TJobRun) => Promise<TJobOutcome<R>>,
): Promise<TWriterRunEnd<R>> {
  if (!acquired.ok) {
    if (acquired.code !== 'finished' || !acquired.jobId) return { started: false, code: acquired.code, message: acquired.message, jobId: acquired.jobId };
    const row = await db.job.findFirstOrThrow({ where: { id: acquired.jobId, tenantId }, select: { status: true, result: true, error: true } });
    const message = `job ${acquired.jobId} was finished by another process meanwhile: ${row.status}${row.error ? ` (${row.error})` : ''}`;
    return { started: false, code: 'finished', message, jobId: acquired.jobId, status: row.status, result: (row.result as R | null) ?? null };
  }
  const { job, how } = acquired;
  const end = await runAsJob({ job, heartbeatMs: env().WORKER_HEARTBEAT_SECONDS * 1_000 }, (run) => work(job, run));
  return { started: true, how, jobId: end.jobId, status: end.status, message: end.message, result: end.outcome?.result ?? null };
}

/**
 * `vault restore --execute` / `--resume` in this process: the tenant's interrupted restore of
 * the same package (or the one named by `resumeId`) continues as the same job and restore id
 * (decide-restore-start.ts); otherwise a new RESTORE job starts — only while no other writer of
 * the tenant runs and within its quota (lib/jobs claimWriterHere), waiting or not as asked.
 * Operator restores run `executeRestoreJob`; a governed one taken over runs `governedWork` (the
 * worker's RESTORE {requestId} handler), so it ends the way a worker would end it.
 */
export async function runRestoreHere(
  args: TWriterRunOptions & {
    ctx: TEngineContext;
    tenant: { id: string; slug: string };
    spec?: unknown;
    resumeId?: string;
    batchSize?: number;
    requestedById?: string | null;
    onProgress?: (p: TRestoreProgress) => void;
    governedWork?: (job: TClaimedJob & { tenantId: string }, run: TJobRun) => Promise<TJobOutcome<TRestoreRunResult>>;
  },
): Promise<TWriterRunEnd<TRestoreRunResult>> {
  const state: { wanted?: string } = {};
  const payload = (spec: unknown): Prisma.InputJsonValue => ({ spec: spec as Prisma.InputJsonValue, ...(args.batchSize ? { batchSize: args.batchSize } : {}) });
  const acquired = await acquireWriterHere({
    ...args,
    decide: () =>
      decideRestoreStart({
        tenant: args.tenant,
        spec: args.spec,
        resumeId: args.resumeId,
        payload,
        canRunGoverned: !!args.governedWork,
        createdById: args.requestedById,
        state,
      }),
  });
  return runAcquired(args.tenant.id, acquired, async (job, run) => {
    const p = (job.payload ?? {}) as { spec?: unknown; batchSize?: number; requestId?: string };
    if (p.requestId) {
      if (!args.governedWork) throw new Error(`job ${job.id} is a governed restore; it runs in a worker`);
      const teed: TJobRun = { ...run, progress: (x) => (run.progress(x), args.onProgress?.(x as TRestoreProgress)) };
      return args.governedWork({ ...job, tenantId: args.tenant.id }, teed);
    }
    return executeRestoreJob({ ctx: args.ctx, tenantId: args.tenant.id, spec: p.spec, batchSize: p.batchSize, run, onProgress: args.onProgress });
  });
}
