import 'server-only';
import { clone, unpatch } from 'jsondiffpatch';
import { BSON } from 'mongodb';
import { z } from 'zod';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { dryRunRestore, idFromKey, isEngineError, readDocument } from '@/lib/engine';
import { AppError, isAppError } from '@/lib/errors';
import { flattenDelta, type TFieldChange } from '@/lib/snapshots/compare-documents';
import { getTenantForActorOrThrow } from '@/lib/tenants/get-tenant-for-actor';
import { getSharedEngineContext } from '@/lib/vault/shared-engine-context';
import { openRestoreTarget } from './open-restore-target';
import { prepareRestore } from './prepare-restore';
import type { TDryRunSummary } from './summarize-dry-run';
import { restoreIdOfDryRun } from './restore-id-of-dry-run';

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
 * One page of the per-document diffs of a finished DRY_RUN job of the tenant, computed again
 * read-only from the job's package (no job row, nothing written): the job keeps only counts.
 * Updates come with both sides: the snapshot document read by _id, and the live one derived
 * from it and the field-level delta.
 */
export async function getDryRunChangesPage(args: { actor: TActor; slug: string; jobId: string; query: unknown }): Promise<TDryRunChangesPage> {
  const tenant = await getTenantForActorOrThrow({ actor: args.actor, slug: args.slug, permission: 'restores.read' });
  assertCan(args.actor, 'restores.read', tenant.id);
  const q = ZChangesPageQuery.safeParse(args.query);
  if (!q.success) throw new AppError('INVALID_INPUT', q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const job = await db.job.findFirst({
    where: { tenantId: tenant.id, id: args.jobId, type: 'DRY_RUN' },
    select: { id: true, status: true, payload: true, result: true },
  });
  if (!job) throw new AppError('NOT_FOUND', 'No such dry-run.');
  if (job.status !== 'SUCCEEDED') throw new AppError('CONFLICT', `The dry-run is ${job.status.toLowerCase()}; its changes are shown once it has succeeded.`);
  const spec = (job.payload as { spec?: unknown } | null)?.spec;
  const recorded = job.result as Partial<TDryRunSummary> | null;

  const ctx = await getSharedEngineContext();
  const target = openRestoreTarget(ctx);
  try {
    const { plan, repo, manifest } = await prepareRestore({ ctx, tenant, spec, restoreId: restoreIdOfDryRun(job) });
    const dry = await dryRunRestore(plan, { repo, target }, { page: q.data.page, pageSize: q.data.pageSize });
    const items: TDocumentChange[] = [];
    for (const c of dry.changes.items) {
      let snapshot: Record<string, unknown> | null = null;
      let live: Record<string, unknown> | null = null;
      if (c.action === 'insert') snapshot = c.document ?? null;
      else if (c.action === 'delete') live = c.document ?? null;
      else {
        const hit = await readDocument({ repo, snapshot: manifest, collection: c.namespace, id: idFromKey(c.idKey) });
        snapshot = hit ? (BSON.EJSON.serialize(hit.doc, { relaxed: true }) as Record<string, unknown>) : null;
        live = snapshot && c.diff ? (unpatch(clone(snapshot), c.diff) as Record<string, unknown>) : snapshot;
      }
      items.push({ namespace: c.namespace, idKey: c.idKey, id: c.id, action: c.action, live, snapshot, changes: c.diff ? flattenDelta(c.diff) : [] });
    }
    return {
      page: dry.changes.page,
      pageSize: dry.changes.pageSize,
      total: dry.changes.total,
      items,
      isStale: recorded?.preStateFingerprint !== undefined && recorded.preStateFingerprint !== dry.preState.fingerprint,
    };
  } catch (e) {
    if (isAppError(e)) throw e;
    if (isEngineError(e)) throw new AppError('CONFLICT', `The dry-run could not be recomputed: ${e.message}`);
    throw e;
  } finally {
    await target.close();
  }
}
