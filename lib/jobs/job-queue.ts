// pg-boss wiring. The catalog's `jobs` table is the source of truth; pg-boss (its own schema
// `pgboss` in the catalog database) only distributes "run job X, attempt N" messages among
// workers. A message id is a UUID derived from (job id, attempt, state), so relaying the same
// row twice inserts one message (pg-boss inserts with ON CONFLICT DO NOTHING).
import 'server-only';
import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';

export const JOB_QUEUE = 'vaultline-jobs';
export const PGBOSS_SCHEMA = 'pgboss';

export type TJobMessage = { jobId: string; attempts: number };

/** Deterministic RFC 4122-shaped UUID (version 5 layout over SHA-1) of a relay key. */
export function messageIdFor(key: string): string {
  const h = createHash('sha1').update('vaultline-job:').update(key).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** pg ignores Prisma's `?schema=` parameter; drop it so pg-boss gets a plain URL. */
function plainUrl(databaseUrl: string): string {
  const u = new URL(databaseUrl);
  u.searchParams.delete('schema');
  return u.toString();
}

/** The shared queue, or a dedicated one for workers pinned to some tenants (WORKER_TENANTS). */
export function queueNameFor(tenantIds?: string[]): string {
  if (!tenantIds) return JOB_QUEUE;
  return `${JOB_QUEUE}.${createHash('sha256')
    .update([...tenantIds].sort().join(','))
    .digest('hex')
    .slice(0, 16)}`;
}

const DEADLOCK = '40P01';
const isDeadlock = (e: unknown) => (e as { code?: unknown } | null)?.code === DEADLOCK;

/**
 * Starts pg-boss and creates the queue. Workers started at the same moment can deadlock in
 * pg-boss's own DDL (install, queue partitions): Postgres aborts one side, which is safe to
 * retry, so a deadlock is retried a few times (with jitter) instead of failing the worker.
 */
export async function startJobQueue(databaseUrl: string, queue: string, onError: (e: Error) => void): Promise<PgBoss> {
  for (let attempt = 1; ; attempt++) {
    const boss = new PgBoss({
      connectionString: plainUrl(databaseUrl),
      schema: PGBOSS_SCHEMA,
      max: 4,
      schedule: false,
      supervise: true,
      application_name: 'vaultline-worker',
    });
    boss.on('error', onError);
    try {
      await boss.start();
      // Retries only cover the worker's own plumbing (claim failed on a lost connection): a job's
      // outcome lives in the catalog row, and a claim is idempotent.
      await boss.createQueue(queue, { name: queue, policy: 'standard', retryLimit: 10, retryDelay: 2, retryBackoff: true, expireInSeconds: 6 * 3600 });
      return boss;
    } catch (e) {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      if (!isDeadlock(e) || attempt >= 5) throw e;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.floor(Math.random() * 200)));
    }
  }
}
