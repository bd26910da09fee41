import 'server-only';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { appendAudit } from '@/lib/audit/append-audit';
import { db } from '@/lib/db';
import { collectGarbage, createRepository, isEngineError, type TGcReport } from '@/lib/engine';
import { env } from '@/lib/env';
import type { TJobOutcome, TJobRun } from '@/lib/jobs/run-as-job';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { LIFECYCLE_ACTOR } from './tenant-lock';

export type TGcJobResult =
  | { skipped: string }
  | {
      tenantId: string;
      kept: number;
      expired: number;
      graceHours: number;
      runId: string;
      scanned: TGcReport['scanned'];
      referenced: TGcReport['referenced'];
      candidates: TGcReport['candidates'];
      waiting: TGcReport['waiting'];
      deleted: TGcReport['deleted'];
      bytesFreed: number;
      /** expired snapshots whose manifest this run deleted (their objects are gone for good) */
      purgedSnapshots: string[];
      unknownSnapshots: string[];
    };

const basename = (key: string) => key.slice(key.lastIndexOf('/') + 1);

/** Engine ids of the tenant's kept and expired snapshots (held and still-locked ones are always kept). */
export async function gcInputs(tenantId: string, now: Date): Promise<{ kept: string[]; expired: string[] }> {
  const rows = await db.snapshot.findMany({
    where: { tenantId, manifestKey: { not: null } },
    select: { manifestKey: true, expiredAt: true, holdReason: true, lockedUntil: true },
  });
  const kept: string[] = [];
  const expired: string[] = [];
  for (const r of rows) {
    const keep = r.expiredAt === null || r.holdReason !== null || (r.lockedUntil !== null && r.lockedUntil > now);
    (keep ? kept : expired).push(basename(r.manifestKey!));
  }
  return { kept, expired };
}

/**
 * GC job of one tenant: the catalog's kept and expired sets → the engine's collectGarbage on the
 * tenant's own prefix, with the grace period GC_GRACE_HOURS. Skips (succeeds, deleting nothing)
 * while the tenant has a running backup, restore, undo or another GC. An abort (a referenced object
 * missing) fails the job with the engine's message: nothing was deleted. Safe to rerun after a
 * crash at any point (the engine's MAC'd state object; deletions need two runs past the grace).
 */
export async function runGcJob(args: {
  ctx: TEngineContext;
  tenantId: string;
  run: TJobRun;
  graceMs?: number;
  now?: () => Date;
}): Promise<TJobOutcome<TGcJobResult>> {
  const { tenantId, run } = args;
  // A RUNNING row whose heartbeat went stale is a dead process's job (e.g. a killed GC): not busy.
  const alive = new Date(Date.now() - env().WORKER_STALE_SECONDS * 1_000);
  const busy = await db.job.findFirst({
    where: { tenantId, status: 'RUNNING', id: { not: run.jobId }, heartbeatAt: { gt: alive }, type: { in: ['BACKUP', 'RESTORE', 'UNDO', 'GC'] } },
    select: { id: true, type: true },
  });
  if (busy) {
    const skipped = `GC skipped: ${busy.type} job ${busy.id} of this tenant is running`;
    return { ok: true, message: skipped, result: { skipped } };
  }
  const now = args.now?.() ?? new Date();
  const graceMs = args.graceMs ?? env().GC_GRACE_HOURS * 3_600_000;
  const { kept, expired } = await gcInputs(tenantId, now);
  const repo = await createRepository({ tenantId, store: args.ctx.store, keys: args.ctx.keys });
  run.progress({ phase: 'gc', kept: kept.length, expired: expired.length });
  let report: TGcReport;
  try {
    report = await collectGarbage({ repo, keptSnapshotIds: kept, expiredSnapshotIds: expired, graceMs, signal: run.signal });
  } catch (err) {
    if (isEngineError(err) && err.code === 'OBJECT_MISSING') {
      await db.$transaction((tx) =>
        appendAudit(tx, {
          ...LIFECYCLE_ACTOR,
          action: AUDIT_ACTIONS.gcAborted,
          tenantId,
          targetType: 'job',
          targetId: run.jobId,
          outcome: 'ALLOWED',
          metadata: { message: err.message, kept: kept.length, expired: expired.length },
          origin: 'worker',
        }),
      );
    }
    throw err;
  }
  const purgedSnapshots = report.deletedKeys.filter((k) => k.includes('/snapshots/')).map(basename);
  const result: TGcJobResult = {
    tenantId,
    kept: kept.length,
    expired: expired.length,
    graceHours: graceMs / 3_600_000,
    runId: report.runId,
    scanned: report.scanned,
    referenced: report.referenced,
    candidates: report.candidates,
    waiting: report.waiting,
    deleted: report.deleted,
    bytesFreed: report.bytesFreed,
    purgedSnapshots,
    unknownSnapshots: report.unknownSnapshots,
  };
  await db.$transaction(async (tx) => {
    await run.assertOwned(tx);
    await appendAudit(tx, {
      ...LIFECYCLE_ACTOR,
      action: AUDIT_ACTIONS.gcCompleted,
      tenantId,
      targetType: 'job',
      targetId: run.jobId,
      metadata: {
        runId: report.runId,
        deleted: report.deleted,
        bytesFreed: report.bytesFreed,
        scanned: report.scanned,
        waiting: report.waiting,
        purgedSnapshots: purgedSnapshots.length,
      },
      origin: 'worker',
    });
  });
  const message = `GC freed ${report.bytesFreed} bytes (${report.deleted.objects} objects deleted of ${report.scanned.objects} scanned; ${report.waiting.objects} waiting for the grace period)`;
  return { ok: true, message, result };
}
