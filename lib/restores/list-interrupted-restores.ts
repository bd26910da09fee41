import 'server-only';
import { db, type Prisma } from '@/lib/db';

/** A RESTORE job of the tenant that has not finished its work: running, or stopped half-way. */
export type TInterruptedRestore = {
  jobId: string;
  /** the engine's restore id: the job id (operator restores) or the request id (governed) */
  restoreId: string;
  /** RUNNING (fresh or stale), or FAILED / CANCELLED with a journal started and not completed or undone */
  status: 'RUNNING' | 'FAILED' | 'CANCELLED';
  attempts: number;
  heartbeatAt: Date | null;
  conditions: unknown;
  /** the governed restore's request, else null (an operator restore) */
  requestId: string | null;
  /** the package as the job was given it (payload or request), and as it was validated (result) */
  spec: unknown;
  validatedSpec: unknown;
  /** the journal has `started`: the target may be partly written */
  hasWritten: boolean;
};

type TRow = Omit<TInterruptedRestore, 'hasWritten'> & { hasWritten: boolean };

/**
 * The tenant's interrupted restores, oldest first: every RUNNING RESTORE job (a fresh heartbeat:
 * running; a stale one: its worker or CLI died), and every FAILED or CANCELLED one whose journal
 * was `started` but neither `completed` nor `undone` — the target holds part of its writes, so
 * it has to be resumed (same restore id, journal, safety snapshot) or undone before another
 * restore of the tenant. Scoped by tenant (jobs and journal).
 */
export async function listInterruptedRestores(tenantId: string, client: Prisma.TransactionClient = db): Promise<TInterruptedRestore[]> {
  return client.$queryRaw<TRow[]>`
    WITH r AS (
      SELECT j.id, j.status::text AS status, j.attempts, j.heartbeat_at, j.conditions, j.created_at, j.payload, j.result,
             j.payload->>'requestId' AS request_id,
             COALESCE(j.result->>'restoreId', j.payload->>'requestId', j.id) AS restore_id
      FROM jobs j
      WHERE j.tenant_id = ${tenantId} AND j.type = 'RESTORE' AND j.status IN ('RUNNING', 'FAILED', 'CANCELLED')),
    w AS (
      SELECT r.*,
             EXISTS (SELECT 1 FROM restore_journal_entries e WHERE e.tenant_id = ${tenantId} AND e.restore_id = r.restore_id AND e.type = 'started') AS started,
             EXISTS (SELECT 1 FROM restore_journal_entries e WHERE e.tenant_id = ${tenantId} AND e.restore_id = r.restore_id AND e.type IN ('completed', 'undone')) AS closed
      FROM r)
    SELECT w.id AS "jobId", w.restore_id AS "restoreId", w.status, w.attempts, w.heartbeat_at AS "heartbeatAt", w.conditions,
           w.request_id AS "requestId",
           COALESCE(w.payload->'spec', (SELECT q.spec FROM restore_requests q WHERE q.id = w.request_id AND q.tenant_id = ${tenantId})) AS spec,
           w.result->'spec' AS "validatedSpec",
           (w.started AND NOT w.closed) AS "hasWritten"
    FROM w
    WHERE w.status = 'RUNNING' OR (w.started AND NOT w.closed)
    ORDER BY w.created_at`;
}

/** Canonical JSON (sorted keys) of a package given as JSON text or as a value. */
export function canonicalPackage(spec: unknown): string {
  let value = spec;
  if (typeof spec === 'string') {
    try {
      value = JSON.parse(spec) as unknown;
    } catch {
      return spec;
    }
  }
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sort(value));
}

/** The same package: the same JSON document (key order and whitespace aside) as the job's, or as its validated form. */
export function isSamePackage(restore: Pick<TInterruptedRestore, 'spec' | 'validatedSpec'>, spec: unknown): boolean {
  const mine = canonicalPackage(spec);
  return (
    (restore.spec != null && canonicalPackage(restore.spec) === mine) || (restore.validatedSpec != null && canonicalPackage(restore.validatedSpec) === mine)
  );
}
