import 'server-only';
import { z } from 'zod';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { appendAudit } from '@/lib/audit/append-audit';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { loadEffectivePolicy } from '@/lib/policies/load-effective-policy';

export const ZOnDemandBackupInput = z.object({
  tenantId: z.string().min(1).max(64),
  kind: z.enum(['auto', 'full', 'incremental']).default('auto'),
});
export type TOnDemandBackupInput = z.input<typeof ZOnDemandBackupInput>;

export type TOnDemandBackup = {
  jobId: string;
  kind: 'auto' | 'full' | 'incremental';
  queuedAt: string;
  /** on-demand backups still allowed in the current 24-hour window after this one */
  remaining: number;
  limit: number;
};

const WINDOW_MS = 24 * 60 * 60 * 1000;
/** pg_advisory_xact_lock class for per-tenant on-demand requests. */
export const LOCK_CLASS = 7_240_100;

/**
 * Queues an on-demand BACKUP job of one tenant, within its policy: at most
 * `onDemand.maxPerDay` (effective policy) on-demand backups in any 24 hours (cancelled ones do not count) and none
 * while a backup of the tenant is queued or running. The job row and its audit event commit
 * together; a per-tenant advisory lock makes two simultaneous clicks count as two.
 */
export async function requestOnDemandBackup(args: { actor: TActor; input: TOnDemandBackupInput; origin?: string | null }): Promise<TOnDemandBackup> {
  const parsed = ZOnDemandBackupInput.safeParse(args.input);
  if (!parsed.success) throw new AppError('INVALID_INPUT', `Invalid backup request: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const { tenantId, kind } = parsed.data;
  assertCan(args.actor, 'snapshots.create', tenantId);

  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int, hashtext(${tenantId}))`;
    const tenant = await tx.tenant.findFirst({
      where: { id: tenantId, status: 'ACTIVE' },
      select: { id: true },
    });
    if (!tenant) throw new AppError('NOT_FOUND', 'No such tenant.');
    const limit = (await loadEffectivePolicy(tx, tenant.id)).policy.onDemand.maxPerDay;
    if (limit <= 0) throw new AppError('CONFLICT', "On-demand backups are turned off by this tenant's backup policy.");

    const active = await tx.job.findFirst({
      where: { tenantId, type: 'BACKUP', status: { in: ['QUEUED', 'RUNNING'] } },
      select: { id: true, status: true },
    });
    if (active) {
      throw new AppError(
        'CONFLICT',
        `A backup of this tenant is already ${active.status === 'QUEUED' ? 'queued' : 'running'} (job ${active.id}). Wait until it finishes.`,
      );
    }

    const since = new Date(Date.now() - WINDOW_MS);
    const recent = await tx.job.findMany({
      where: { tenantId, type: 'BACKUP', createdAt: { gte: since }, status: { not: 'CANCELLED' }, payload: { path: ['trigger'], equals: 'on-demand' } },
      orderBy: { createdAt: 'asc' },
      select: { createdAt: true },
    });
    if (recent.length >= limit) {
      const nextAt = new Date(recent[recent.length - limit]!.createdAt.getTime() + WINDOW_MS);
      throw new AppError(
        'CONFLICT',
        `This tenant's policy allows ${limit} on-demand backups per 24 hours and all are used. The next one is possible after ${nextAt.toISOString().replace('T', ' ').slice(0, 16)} UTC.`,
      );
    }

    const job = await enqueueJob(tx, { tenantId, type: 'BACKUP', payload: { kind, trigger: 'on-demand' }, createdById: args.actor.userId });
    await appendAudit(tx, {
      action: AUDIT_ACTIONS.backupRequested,
      actorUserId: args.actor.userId,
      actorEmail: args.actor.email,
      tenantId,
      targetType: 'job',
      targetId: job.id,
      metadata: { kind, trigger: 'on-demand', usedInWindow: recent.length + 1, limit },
      origin: args.origin ?? null,
    });
    return { jobId: job.id, kind, queuedAt: job.createdAt.toISOString(), remaining: limit - recent.length - 1, limit };
  });
}
