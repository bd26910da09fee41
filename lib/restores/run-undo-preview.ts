import 'server-only';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { createRepository, previewUndo, readOnly, type TPreviewUndoResult } from '@/lib/engine';
import type { TJobOutcome, TJobRun } from '@/lib/jobs/run-as-job';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { openRestoreTarget } from './open-restore-target';
import { createDryRunChangeStore, dryRunChangeRow } from './store-dry-run-changes';

/** Changed documents an UNDO_PREVIEW job keeps in its result as examples (all of them are stored as rows). */
export const UNDO_PREVIEW_EXAMPLES = 10;

/**
 * An UNDO_PREVIEW job's result: the live-state fingerprint an undo is bound to, per collection the
 * documents the restore wrote and those changed since (that undo would overwrite), the first
 * changes as examples, and how many were stored in `dry_run_changes` (the diff pages read them).
 */
export type TUndoPreviewJobResult = TPreviewUndoResult & {
  requestId: string;
  /** bounded like the stored rows (a side over 32 KiB is a `$truncated` marker) */
  examples: { namespace: string; id: unknown; action: string; live: unknown; snapshot: unknown; changes: unknown }[];
  storedChanges: number;
  storedCapped: boolean;
  /** the diff pages' "changes.total": documents undo would overwrite */
  changes: { total: number };
};

/**
 * The work of an UNDO_PREVIEW {requestId} job: the restore's safety record is read (read-only
 * store) and every document it wrote is compared with the live data — nothing is written to the
 * tenant's data. Each changed document is stored as a `dry_run_changes` row of this job (live now
 * → what undo writes back), at most DRY_RUN_STORED_CHANGES_MAX; progress is documents compared.
 */
export async function undoPreviewJob(args: { ctx: TEngineContext; requestId: string; run: TJobRun }): Promise<TJobOutcome<TUndoPreviewJobResult>> {
  const { run, requestId } = args;
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: run.tenantId } });
  const request = await db.restoreRequest.findFirst({ where: { id: requestId, tenantId: tenant.id }, select: { status: true } });
  if (!request) return { ok: false, message: `no restore request ${requestId} of this tenant` };
  const limit = env().DRY_RUN_STORED_CHANGES_MAX;
  const store = createDryRunChangeStore({ tenantId: tenant.id, jobId: run.jobId });
  await store.reset();
  const examples: TUndoPreviewJobResult['examples'] = [];
  const target = openRestoreTarget(args.ctx);
  try {
    const repo = await createRepository({ tenantId: tenant.id, store: readOnly(args.ctx.store), keys: args.ctx.keys });
    run.progress({ phase: 'comparing with live data', documents: { done: 0 } });
    const preview = await previewUndo(
      requestId,
      { repo, target },
      {
        signal: run.signal,
        eachChangeLimit: limit,
        onProgress: (p) => run.progress({ phase: 'comparing with live data', documents: { done: p.done, total: p.total } }),
        eachChanges: async (batch, info) => {
          for (const [i, change] of batch.slice(0, UNDO_PREVIEW_EXAMPLES - examples.length).entries()) {
            const row = dryRunChangeRow({ tenantId: tenant.id, jobId: run.jobId, seq: info.seq + i, change });
            examples.push({
              namespace: row.namespace,
              id: row.docId,
              action: row.action,
              live: row.live ?? null,
              snapshot: row.snapshot ?? null,
              changes: row.changes,
            });
          }
          await store.write(batch, info);
        },
      },
    );
    const result: TUndoPreviewJobResult = {
      ...preview,
      requestId,
      examples: JSON.parse(JSON.stringify(examples)) as TUndoPreviewJobResult['examples'],
      storedChanges: Math.min(preview.changed, limit),
      storedCapped: preview.changed > limit,
      changes: { total: preview.changed },
    };
    const written = preview.collections.reduce((n, c) => n + c.written, 0);
    run.progress({ phase: 'done', documents: { done: written, total: written } });
    return { ok: true, message: `${preview.changed} of ${written} restored documents changed since the restore`, result };
  } finally {
    await target.close();
  }
}
