import { db, type JobStatus } from '@/lib/db';
import type { TJobCondition } from '@/lib/jobs/job-conditions';

/** Polls the catalog row until `done(status)`; fails naming the status and conditions on timeout. */
export async function waitForJob(id: string, done: (s: JobStatus) => boolean, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await db.job.findUniqueOrThrow({ where: { id } });
    if (done(job.status)) return job;
    if (Date.now() > until) throw new Error(`job ${id} still ${job.status} after ${timeoutMs} ms: ${JSON.stringify(job.conditions)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const finished = (s: JobStatus) => s === 'SUCCEEDED' || s === 'FAILED' || s === 'CANCELLED';
export const claims = (conditions: unknown) => (conditions as TJobCondition[]).filter((c) => c.type === 'Claimed');
