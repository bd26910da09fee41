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
  total: number;
  items: TDocumentChange[];
  /** the live target differs from what the dry-run job saw: its counts may be out of date */
  isStale: boolean;
};

/**
 * One page of the per-document diffs of a finished DRY_RUN job of the tenant, read from the rows
 * the job stored in `dry_run_changes` (offset pages over (jobId, seq)): nothing is recomputed,
 * MongoDB and the store are not read. `isStale`: a restore or undo of the tenant finished after
 * the dry-run did, so the live data it compared with has probably changed.
 */
export async function getDryRunChangesPage(args: { actor: TActor; slug: string; jobId: string; query: unknown }): Promise<TDryRunChangesPage> {
  const tenant = await getTenantForActorOrThrow({ actor: args.actor, slug: args.slug, permission: 'restores.read' });
  assertCan(args.actor, 'restores.read', tenant.id);
  const q = ZChangesPageQuery.safeParse(args.query);
  if (!q.success) throw new AppError('INVALID_INPUT', q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const job = await db.job.findFirst({
    where: { tenantId: tenant.id, id: args.jobId, type: 'DRY_RUN' },
    select: { id: true, status: true, result: true, finishedAt: true },
  });
  if (!job) throw new AppError('NOT_FOUND', 'No such dry-run.');
  if (job.status !== 'SUCCEEDED') throw new AppError('CONFLICT', `The dry-run is ${job.status.toLowerCase()}; its changes are shown once it has succeeded.`);
  const recorded = job.result as Partial<TDryRunJobResult> | null;
  if (typeof recorded?.storedChanges !== 'number') {
    throw new AppError('CONFLICT', 'This dry-run was recorded before per-document changes were stored; run the dry-run again to see them.');
  }
  const { page, pageSize } = q.data;
  const [total, rows, later] = await Promise.all([
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
  ]);
  return {
    page,
    pageSize,
    total,
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
    isStale: later > 0,
  };
}
