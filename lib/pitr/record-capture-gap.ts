import 'server-only';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { appendAudit } from '@/lib/audit/append-audit';
import { LOCK_CLASS as TENANT_BACKUP_LOCK_CLASS } from '@/lib/backups/request-on-demand-backup';
import type { Prisma } from '@/lib/db';
import { tsToDate } from '@/lib/engine';
import { enqueueJob } from '@/lib/jobs/enqueue-job';

export const CAPTURE_ACTOR = { actorUserId: null, actorEmail: 'system:pitr-capture' } as const;

export type TRecordedGap = { gapId: string; backupJobs: Record<string, { jobId: string; alreadyQueued: boolean }> };

/**
 * Records a capture gap (inside the transaction that moves the position past it, so a gap is
 * never lost to a crash) and asks for a new base: a full BACKUP per affected tenant, unless one
 * of its backups is already queued (it will scan after the gap anyway). The per-tenant lock is
 * the one on-demand requests and the scheduler take, so none of them queues a second one at the
 * same moment. One audit event per tenant, by the system actor.
 */
export async function recordCaptureGap(
  tx: Prisma.TransactionClient,
  args: { cluster: string; afterTs: bigint; beforeTs: bigint; tenantIds: readonly string[]; reason: string },
): Promise<TRecordedGap> {
  const tenantIds = [...new Set(args.tenantIds)].sort();
  const gap = await tx.pitrGap.create({
    data: { cluster: args.cluster, afterTs: args.afterTs, beforeTs: args.beforeTs, tenantIds, reason: args.reason },
    select: { id: true },
  });
  const backupJobs: TRecordedGap['backupJobs'] = {};
  const window = { after: tsToDate(args.afterTs).toISOString(), before: tsToDate(args.beforeTs).toISOString() };
  for (const tenantId of tenantIds) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${TENANT_BACKUP_LOCK_CLASS}::int, hashtext(${tenantId}))`;
    const queued = await tx.job.findFirst({ where: { tenantId, type: 'BACKUP', status: 'QUEUED' }, select: { id: true }, orderBy: { createdAt: 'asc' } });
    const job =
      queued ??
      (await enqueueJob(tx, {
        tenantId,
        type: 'BACKUP',
        payload: { kind: 'full', trigger: 'pitr-gap', gapId: gap.id },
        message: `full backup after a point-in-time capture gap (${window.after} – ${window.before})`,
      }));
    backupJobs[tenantId] = { jobId: job.id, alreadyQueued: Boolean(queued) };
    await appendAudit(tx, {
      ...CAPTURE_ACTOR,
      action: AUDIT_ACTIONS.pitrGapRecorded,
      tenantId,
      targetType: 'pitr_gap',
      targetId: gap.id,
      metadata: {
        cluster: args.cluster,
        reason: args.reason,
        afterTs: args.afterTs.toString(),
        beforeTs: args.beforeTs.toString(),
        ...window,
        backupJobId: job.id,
        backupAlreadyQueued: Boolean(queued),
      },
      origin: 'worker',
    });
  }
  await tx.pitrGap.update({ where: { id: gap.id }, data: { backupJobs } });
  return { gapId: gap.id, backupJobs };
}
