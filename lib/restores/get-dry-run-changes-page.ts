import 'server-only';
import { z } from 'zod';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { TFieldChange } from '@/lib/snapshots/compare-documents';
import { getTenantForActorOrThrow } from '@/lib/tenants/get-tenant-for-actor';
import type { TDryRunJobResult } from './run-restore-dry-run';

export const ZChangesPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
});

export type TDocumentChange = {
  namespace: string;
  idKey: string;
  id: unknown;
  action: 'insert' | 'update' | 'delete' | 'skip' | 'conflict';
  /** the target document now (null for inserts) */
  live: Record<string, unknown> | null;
  /** what the restore would write (null for deletes) */
  snapshot: Record<string, unknown> | null;
  changes: TFieldChange[];
  /** a side or the field list was cut to the stored bound (the cut part is a `$truncated` marker) */
  truncated?: boolean;
};

export type TDryRunChangesPage = {
  page: number;
  pageSize: number;
  /** stored changes (what the pages go through) */
  total: number;
  /** documents the dry-run found changed; more than `total` when the stored rows were capped */
  changedTotal: number;
  /** only the first `total` of `changedTotal` changes were stored (DRY_RUN_STORED_CHANGES_MAX) */
  capped: boolean;
  items: TDocumentChange[];
  /** the live target has probably changed since the dry-run, or a newer dry-run of the same package exists */
  isStale: boolean;
  /** why it is stale (null when it is not) */
  staleReason: string | null;
  /** the newest later dry-run of the same package, when there is one */
  newerDryRunJobId: string | null;
};

/**
 * One page of the per-document diffs of a finished DRY_RUN job of the tenant, read from the rows
 * the job stored in `dry_run_changes` (offset pages over (jobId, seq)): nothing is recomputed,
 * MongoDB and the store are not read. `isStale`: a restore or undo of the tenant finished after
 * the dry-run did (the live data it compared with has probably changed), or a later dry-run of
 * the same package (same validated spec) succeeded — its results replace these. An UNDO_PREVIEW
 * job's rows (what an undo would overwrite: live now → what undo writes back) page the same way.
 */
export async function getDryRunChangesPage(args: { actor: TActor; slug: string; jobId: string; query: unknown }): Promise<TDryRunChangesPage> {
  const tenant = await getTenantForActorOrThrow({ actor: args.actor, slug: args.slug, permission: 'restores.read' });
  assertCan(args.actor, 'restores.read', tenant.id);
  const q = ZChangesPageQuery.safeParse(args.query);
  if (!q.success) throw new AppError('INVALID_INPUT', q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const job = await db.job.findFirst({
    where: { tenantId: tenant.id, id: args.jobId, type: { in: ['DRY_RUN', 'UNDO_PREVIEW'] } },
    select: { id: true, status: true, result: true, finishedAt: true, createdAt: true },
  });
  if (!job) throw new AppError('NOT_FOUND', 'No such dry-run.');
  if (job.status !== 'SUCCEEDED') throw new AppError('CONFLICT', `The dry-run is ${job.status.toLowerCase()}; its changes are shown once it has succeeded.`);
  const recorded = job.result as Partial<TDryRunJobResult> | null;
  if (typeof recorded?.storedChanges !== 'number') {
    throw new AppError('CONFLICT', 'This dry-run was recorded before per-document changes were stored; run the dry-run again to see them.');
  }
  const { page, pageSize } = q.data;
  const spec = JSON.stringify(recorded.spec ?? null);
  const [total, rows, later, newer] = await Promise.all([
    db.dryRunChange.count({ where: { tenantId: tenant.id, jobId: job.id } }),
    db.dryRunChange.findMany({
      where: { tenantId: tenant.id, jobId: job.id },
      orderBy: { seq: 'asc' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    job.finishedAt
      ? db.job.count({ where: { tenantId: tenant.id, type: { in: ['RESTORE', 'UNDO'] }, status: 'SUCCEEDED', finishedAt: { gt: job.finishedAt } } })
      : Promise.resolve(0),
    db.$queryRaw<{ id: string }[]>`
      SELECT id FROM jobs
      WHERE tenant_id = ${tenant.id} AND type = 'DRY_RUN' AND status = 'SUCCEEDED' AND id <> ${job.id}
        AND created_at > ${job.createdAt} AND result->'spec' = ${spec}::jsonb
      ORDER BY created_at DESC LIMIT 1`,
  ]);
  const newerDryRunJobId = newer[0]?.id ?? null;
  const staleReason = newerDryRunJobId
    ? `a newer dry-run of the same package exists (job ${newerDryRunJobId})`
    : later > 0
      ? 'a restore or undo of this tenant finished after this dry-run'
      : null;
  return {
    page,
    pageSize,
    total,
    changedTotal: recorded.changes?.total ?? total,
    capped: recorded.storedCapped === true,
    items: rows.map((r) => ({
      namespace: r.namespace,
      idKey: r.idKey,
      id: r.docId,
      action: r.action as TDocumentChange['action'],
      live: (r.live ?? null) as Record<string, unknown> | null,
      snapshot: (r.snapshot ?? null) as Record<string, unknown> | null,
      changes: r.changes as TFieldChange[],
      ...(r.truncated ? { truncated: true } : {}),
    })),
    isStale: staleReason !== null,
    staleReason,
    newerDryRunJobId,
  };
}
