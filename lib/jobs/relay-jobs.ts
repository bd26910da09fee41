import 'server-only';
import type PgBoss from 'pg-boss';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/db';
import { messageIdFor, type TJobMessage } from './job-queue';

type TRelayRow = { id: string; attempts: number; status: 'QUEUED' | 'RUNNING'; heartbeatAt: Date | null };

/**
 * Outbox relay, run by every worker every second: committed QUEUED rows, and RUNNING rows a
 * worker claimed whose heartbeat went stale (the worker died), become pg-boss messages. Rows of a
 * rolled-back transaction are never seen. Message ids are derived from the row's state, so all
 * workers relaying the same row produce one message; a stale row gets a new message per distinct
 * stale heartbeat (per queue: a dedicated worker's queue gets its own copy; the claim decides), and a
 * QUEUED row the claim left waiting (lib/jobs/claim-job.ts) one per try, at most once a second. A job that lost its worker `maxAttempts` times is failed instead.
 */
export async function relayJobs(
  boss: PgBoss,
  opts: { queue: string; staleSeconds: number; maxAttempts: number; tenantIds?: string[]; limit?: number },
): Promise<{ sent: number; failed: number }> {
  const tenantFilter = opts.tenantIds ? Prisma.sql`AND tenant_id IN (${Prisma.join(opts.tenantIds)})` : Prisma.empty;
  const rows = await db.$queryRaw<TRelayRow[]>`
    SELECT id, attempts, status::text AS status, heartbeat_at AS "heartbeatAt" FROM jobs
    WHERE ((status = 'QUEUED' AND (heartbeat_at IS NULL OR heartbeat_at < now() - interval '1 second'))
       OR (status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => ${opts.staleSeconds}::float8)
           AND conditions @> '[{"type":"Claimed"}]'::jsonb))
      ${tenantFilter}
    ORDER BY created_at
    LIMIT ${opts.limit ?? 100}`;
  let sent = 0;
  let failed = 0;
  for (const row of rows) {
    if (row.status === 'RUNNING' && row.attempts >= opts.maxAttempts) {
      failed += await failAbandoned(row, opts);
      continue;
    }
    // A QUEUED row the claim left waiting (one writer per tenant, fair share) has a fresh
    // heartbeat per try: a new message a second later, so it is tried again.
    const state =
      row.status === 'QUEUED'
        ? `${row.id}:${row.attempts}:queued${row.heartbeatAt ? `:waited:${row.heartbeatAt.toISOString()}` : ''}`
        : `${row.id}:${row.attempts}:stale:${row.heartbeatAt?.toISOString()}`;
    const data: TJobMessage = { jobId: row.id, attempts: row.attempts };
    if (await boss.send(opts.queue, data, { id: messageIdFor(`${opts.queue}:${state}`) })) sent++;
  }
  return { sent, failed };
}

async function failAbandoned(row: TRelayRow, opts: { staleSeconds: number; maxAttempts: number }): Promise<number> {
  const message = `the worker running this job stopped responding ${row.attempts} times (no heartbeat for ${opts.staleSeconds} s); giving up`;
  const entry = JSON.stringify([{ at: new Date().toISOString(), type: 'Failed', message }]);
  return db.$executeRaw`
    UPDATE jobs SET status = 'FAILED', finished_at = now(), error = ${message}, conditions = conditions || ${entry}::jsonb
    WHERE id = ${row.id} AND status = 'RUNNING' AND attempts = ${row.attempts}
      AND heartbeat_at < now() - make_interval(secs => ${opts.staleSeconds}::float8)`;
}
