import 'server-only';
import { db, Prisma } from '@/lib/db';

export type TJobCondition = { at: string; type: string; message?: string };

/**
 * Appends a timestamped condition to a job's history. With `data.status` it is a terminal
 * transition: applied (condition and data together) only while the row is still RUNNING — and,
 * given `attempt`, still owned by that attempt — so a job cancelled meanwhile stays CANCELLED and a
 * worker that lost its job to another cannot overwrite the new owner's outcome. Returns whether
 * the change was applied.
 */
export async function recordJobCondition(
  jobId: string,
  condition: { type: string; message?: string },
  data: Prisma.JobUpdateManyMutationInput = {},
  guard: { attempt?: number } = {},
): Promise<boolean> {
  const entry: TJobCondition = { at: new Date().toISOString(), ...condition };
  const appendSql = Prisma.sql`UPDATE jobs SET conditions = conditions || ${JSON.stringify([entry])}::jsonb WHERE id = ${jobId}`;
  if (data.status === undefined) {
    await db.$executeRaw(appendSql);
    return true;
  }
  return db.$transaction(async (tx) => {
    const where = { id: jobId, status: 'RUNNING' as const, ...(guard.attempt !== undefined ? { attempts: guard.attempt } : {}) };
    const { count } = await tx.job.updateMany({ where, data });
    if (count > 0) await tx.$executeRaw(appendSql);
    return count > 0;
  });
}

/** Fails a claimed job that cannot run at all (no handler for it): no `Running` is recorded. */
export async function failClaimedJob(job: { id: string; attempts: number }, message: string): Promise<boolean> {
  return recordJobCondition(job.id, { type: 'Failed', message }, { status: 'FAILED', finishedAt: new Date(), error: message }, { attempt: job.attempts });
}
