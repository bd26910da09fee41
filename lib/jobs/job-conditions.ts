import { db, Prisma } from '@/lib/db';

export type TJobCondition = { at: string; type: string; message?: string };

/** Appends a timestamped condition to a job's history (and sets its status when given). */
export async function recordJobCondition(
  jobId: string,
  condition: { type: string; message?: string },
  data: Prisma.JobUpdateInput = {},
): Promise<void> {
  const entry: TJobCondition = { at: new Date().toISOString(), ...condition };
  await db.$executeRaw`UPDATE jobs SET conditions = conditions || ${JSON.stringify([entry])}::jsonb WHERE id = ${jobId}`;
  if (Object.keys(data).length > 0) await db.job.update({ where: { id: jobId }, data });
}

/** Progress + heartbeat, throttled by the caller. */
export async function heartbeatJob(jobId: string, progress: Prisma.InputJsonValue): Promise<void> {
  await db.job.update({ where: { id: jobId }, data: { progress, heartbeatAt: new Date() } });
}
