import { randomBytes } from 'node:crypto';
import type { JobType, Prisma } from '@/lib/db';
import type { TJobCondition } from './job-conditions';

export type TJobToEnqueue = { tenantId: string | null; type: JobType; payload: Prisma.InputJsonValue; createdById?: string | null; message?: string };

/** A collision-resistant id in the shape of the catalog's cuids (c + time + randomness, base 36). */
function newJobId(): string {
  const time = Date.now().toString(36).padStart(9, '0');
  const random = BigInt(`0x${randomBytes(10).toString('hex')}`)
    .toString(36)
    .padStart(16, '0');
  return `c${time}${random}`.slice(0, 25);
}

/**
 * `enqueueJob` for many jobs at once (the scheduler's pass): QUEUED rows inserted in ONE statement
 * inside the caller's transaction, with the same `Queued` condition — the rows are the same as
 * enqueueJob's (Prisma's createMany spends ~0.6 ms per row here; this ~0.05). Returns each new
 * row's id with its tenant (map by tenant when you enqueue one job per tenant).
 */
export async function enqueueJobs(
  tx: Prisma.TransactionClient,
  jobs: readonly TJobToEnqueue[],
): Promise<Array<{ id: string; tenantId: string | null; createdAt: Date }>> {
  if (jobs.length === 0) return [];
  const at = new Date().toISOString();
  const ids = jobs.map(() => newJobId());
  const conditions = jobs.map((j) => JSON.stringify([{ at, type: 'Queued', ...(j.message ? { message: j.message } : {}) } satisfies TJobCondition]));
  return tx.$queryRaw<Array<{ id: string; tenantId: string | null; createdAt: Date }>>`
    INSERT INTO jobs (id, tenant_id, type, status, payload, conditions, created_by_id)
    SELECT u.id, u.tenant_id, u.type::job_type, 'QUEUED'::job_status, u.payload::jsonb, u.conditions::jsonb, u.created_by_id
    FROM unnest(${ids}::text[], ${jobs.map((j) => j.tenantId)}::text[], ${jobs.map((j) => j.type)}::text[],
                ${jobs.map((j) => JSON.stringify(j.payload))}::text[], ${conditions}::text[], ${jobs.map((j) => j.createdById ?? null)}::text[])
         AS u(id, tenant_id, type, payload, conditions, created_by_id)
    RETURNING id, tenant_id AS "tenantId", created_at AS "createdAt"`;
}
