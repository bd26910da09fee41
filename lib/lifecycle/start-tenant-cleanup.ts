import 'server-only';
import { z } from 'zod';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { appendAudit } from '@/lib/audit/append-audit';
import { actorAudit } from '@/lib/audit/audit-actor';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { AppError, InputError } from '@/lib/errors';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { applyTenantRetention } from './apply-tenant-retention';
import { lockTenantLifecycle } from './tenant-lock';

export const ZTenantCleanup = z.strictObject({
  tenantId: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, { error: 'not a tenant id' }),
});
export type TTenantCleanup = z.infer<typeof ZTenantCleanup>;

export type TTenantCleanupStarted = {
  /** snapshots this retention pass expired (seq numbers) */
  expiredSeqs: number[];
  gcJobId: string;
};

/**
 * A platform admin runs a tenant's lifecycle now instead of waiting for the maintenance loop:
 * the retention pass (held and locked snapshots are never expired), then one GC job of the
 * tenant. While a GC of the tenant is queued or running, a new request is refused (CONFLICT,
 * naming that job) and changes nothing. Audited `gc.requested`.
 */
export async function startTenantCleanup(args: { actor: TActor; input: TTenantCleanup; origin?: string | null; now?: Date }): Promise<TTenantCleanupStarted> {
  assertCan(args.actor, 'tenants.manage');
  const parsed = ZTenantCleanup.safeParse(args.input);
  if (!parsed.success) throw new InputError(parsed.error.issues);
  const { tenantId } = parsed.data;
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { id: true, status: true } });
  if (!tenant) throw new AppError('NOT_FOUND', 'No such tenant.');
  if (tenant.status === 'ARCHIVED') throw new AppError('CONFLICT', 'The tenant is archived: its lifecycle no longer runs.');
  await refuseWhileGcPending(tenantId);
  const now = args.now ?? new Date();
  const retention = await applyTenantRetention({ tenantId, now });
  const expired = await db.snapshot.findMany({
    where: { tenantId, id: { in: retention.expired.map((e) => e.id) } },
    select: { seq: true },
    orderBy: { seq: 'asc' },
  });
  const expiredSeqs = expired.map((e) => e.seq);
  return db.$transaction(async (tx) => {
    await lockTenantLifecycle(tx, tenantId);
    await refuseWhileGcPending(tenantId, tx);
    const { id: gcJobId } = await enqueueJob(tx, {
      tenantId,
      type: 'GC',
      payload: { trigger: 'admin' },
      createdById: args.actor.userId,
      message: 'GC requested by a platform admin',
    });
    await appendAudit(
      tx,
      actorAudit(args.actor, {
        action: AUDIT_ACTIONS.gcRequested,
        tenantId,
        targetType: 'job',
        targetId: gcJobId,
        metadata: { expiredSeqs },
        origin: args.origin ?? null,
      }),
    );
    return { expiredSeqs, gcJobId };
  });
}

async function refuseWhileGcPending(tenantId: string, tx: Pick<typeof db, 'job'> = db): Promise<void> {
  const pending = await tx.job.findFirst({ where: { tenantId, type: 'GC', status: { in: ['QUEUED', 'RUNNING'] } }, select: { id: true, status: true } });
  if (pending) {
    throw new AppError(
      'CONFLICT',
      `A garbage collection of this tenant is already ${pending.status.toLowerCase()} (job ${pending.id}); wait for it to finish.`,
    );
  }
}

export type TGcRun = {
  jobId: string;
  status: string;
  createdAt: string;
  finishedAt: string | null;
  /** why it failed, or why it skipped (e.g. a backup of the tenant was running) */
  note: string | null;
  deletedObjects: number | null;
  waitingObjects: number | null;
  bytesFreed: number | null;
};

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const objectsOf = (v: unknown): number | null => (v && typeof v === 'object' ? num((v as { objects?: unknown }).objects) : null);

/** The newest GC jobs of one tenant with what each freed (platform admin). */
export async function listGcRuns(args: { actor: TActor; tenantId: string; take?: number }): Promise<TGcRun[]> {
  assertCan(args.actor, 'tenants.manage');
  const jobs = await db.job.findMany({
    where: { tenantId: args.tenantId, type: 'GC' },
    orderBy: { createdAt: 'desc' },
    take: Math.min(args.take ?? 5, 20),
    select: { id: true, status: true, createdAt: true, finishedAt: true, error: true, result: true },
  });
  return jobs.map((j) => {
    const r = (j.result ?? {}) as Record<string, unknown>;
    return {
      jobId: j.id,
      status: j.status,
      createdAt: j.createdAt.toISOString(),
      finishedAt: j.finishedAt?.toISOString() ?? null,
      note: j.error ?? (typeof r.skipped === 'string' ? r.skipped : null),
      deletedObjects: objectsOf(r.deleted),
      waitingObjects: objectsOf(r.waiting),
      bytesFreed: num(r.bytesFreed),
    };
  });
}
