import 'server-only';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { loadEffectivePolicy } from '@/lib/policies/load-effective-policy';
import { applyTenantRetention } from './apply-tenant-retention';
import { dueForDataVerification } from './plan-data-verification';
import { lockTenantLifecycle } from './tenant-lock';

/** At most this many scheduled read-data VERIFY jobs per tenant per pass (the rest come next pass). */
export const MAX_VERIFY_JOBS_PER_PASS = 50;

export type TMaintenanceTenantResult = {
  tenantId: string;
  expired: number;
  gcJobId: string | null;
  tierJobId: string | null;
  verifyJobIds: string[];
  error?: string;
};

/**
 * One tenant's scheduled lifecycle work: the retention pass, then (under the tenant's lifecycle
 * lock, so two workers never enqueue twice) a GC job when none ran for GC_EVERY_HOURS and none is
 * queued or running, and the read-data VERIFY jobs due today (plan-data-verification.ts).
 */
export async function maintainTenant(args: { tenantId: string; now?: Date; gcEveryMs?: number }): Promise<TMaintenanceTenantResult> {
  const now = args.now ?? new Date();
  const { tenantId } = args;
  const retention = await applyTenantRetention({ tenantId, now });
  const gcEveryMs = args.gcEveryMs ?? env().GC_EVERY_HOURS * 3_600_000;
  return db.$transaction(
    async (tx) => {
      await lockTenantLifecycle(tx, tenantId);
      const recentGc = await tx.job.findFirst({
        where: { tenantId, type: 'GC', OR: [{ status: { in: ['QUEUED', 'RUNNING'] } }, { createdAt: { gt: new Date(now.getTime() - gcEveryMs) } }] },
        select: { id: true },
      });
      const gcJobId = recentGc ? null : (await enqueueJob(tx, { tenantId, type: 'GC', payload: { trigger: 'scheduled' }, message: 'scheduled GC' })).id;

      const policy = await loadEffectivePolicy(tx, tenantId, now);
      // TIER when a kept, still-hot snapshot is past the tier rule and no TIER job is pending.
      const coldAfterDays = policy.policy.tiering.coldAfterDays;
      const dueCold =
        coldAfterDays > 0 &&
        (await tx.snapshot.count({
          where: { tenantId, tier: 'HOT', status: 'COMPLETED', expiredAt: null, consistentAt: { lt: new Date(now.getTime() - coldAfterDays * 86_400_000) } },
        })) > 0 &&
        (await tx.job.count({ where: { tenantId, type: 'TIER', status: { in: ['QUEUED', 'RUNNING'] } } })) === 0;
      const tierJobId = dueCold ? (await enqueueJob(tx, { tenantId, type: 'TIER', payload: { trigger: 'scheduled' }, message: 'scheduled tiering' })).id : null;
      const snapshots = await tx.snapshot.findMany({
        where: { tenantId, status: 'COMPLETED', expiredAt: null, manifestKey: { not: null }, consistentAt: { not: null } },
        select: { id: true, consistentAt: true, dataVerifiedAt: true },
      });
      const pending = await tx.job.findMany({ where: { tenantId, type: 'VERIFY', status: { in: ['QUEUED', 'RUNNING'] } }, select: { payload: true } });
      const busy = new Set(pending.map((j) => (j.payload as { snapshotId?: unknown } | null)?.snapshotId).filter((v): v is string => typeof v === 'string'));
      const due = dueForDataVerification({
        snapshots: snapshots.map((s) => ({ id: s.id, consistentAt: s.consistentAt!, dataVerifiedAt: s.dataVerifiedAt })),
        now,
        windowDays: policy.policy.verification.dataWindowDays,
      })
        .filter((id) => !busy.has(id))
        .slice(0, MAX_VERIFY_JOBS_PER_PASS);
      const verifyJobIds: string[] = [];
      for (const snapshotId of due) {
        const job = await enqueueJob(tx, {
          tenantId,
          type: 'VERIFY',
          payload: { snapshotId, level: 'read-data', trigger: 'scheduled' },
          message: 'scheduled read-data verification',
        });
        verifyJobIds.push(job.id);
      }
      return { tenantId, expired: retention.expired.length, gcJobId, tierJobId, verifyJobIds };
    },
    { maxWait: 15_000, timeout: 60_000 },
  );
}

/** Every active tenant (or the worker's own, WORKER_TENANTS); a tenant's failure does not stop the others. */
export async function runMaintenancePass(args: { tenantIds?: string[]; now?: Date } = {}): Promise<TMaintenanceTenantResult[]> {
  const tenants = await db.tenant.findMany({
    where: { status: 'ACTIVE', ...(args.tenantIds ? { id: { in: args.tenantIds } } : {}) },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  const results: TMaintenanceTenantResult[] = [];
  for (const t of tenants) {
    try {
      results.push(await maintainTenant({ tenantId: t.id, now: args.now }));
    } catch (err) {
      results.push({ tenantId: t.id, expired: 0, gcJobId: null, tierJobId: null, verifyJobIds: [], error: err instanceof Error ? err.message : String(err) });
    }
  }
  return results;
}
