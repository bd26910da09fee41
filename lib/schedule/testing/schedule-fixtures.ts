import 'server-only';
import { randomBytes } from 'node:crypto';
import { db, type JobStatus, type Prisma } from '@/lib/db';
import type { TReconcileOptions } from '../reconcile-schedules';

// Scratch tenants for the scheduler's integration tests and benchmark: catalog rows only (no
// MongoDB data, no jobs run), on a data-plane cluster of their own so that other tests' backups
// never count against the limit under test. `cleanup()` removes everything they created.

export type TScratch = {
  ids: string[];
  cluster: string;
  /** reconcile options scoped to the scratch tenants and their cluster */
  opts(now: Date, extra?: Partial<TReconcileOptions>): TReconcileOptions;
  add(count: number, plan: 'gold' | 'silver' | 'bronze', overrides?: Prisma.InputJsonValue): Promise<string[]>;
  finishQueued(tenantIds: readonly string[], status: JobStatus, at: Date, error?: string): Promise<number>;
  cleanup(): Promise<void>;
};

export function createScratch(label: string): TScratch {
  const hex = randomBytes(4).toString('hex');
  const cluster = `scratch-${label}-${hex}`;
  const ids: string[] = [];
  const mine = new Set<string>();
  let seq = 0;
  return {
    ids,
    cluster,
    opts: (now, extra) => ({
      now,
      tenantIds: [...ids],
      clusterOf: (t) => (mine.has(t.id) ? cluster : 'default'),
      maxInFlightPerCluster: 10_000,
      maxJitterMs: 300_000,
      retryBaseMs: 300_000,
      retryMaxMs: 6 * 3_600_000,
      ...extra,
    }),
    async add(count, plan, overrides) {
      const template = await db.policyTemplate.findUniqueOrThrow({ where: { name: plan }, select: { id: true } });
      const rows = Array.from({ length: count }, () => {
        const n = seq++;
        return {
          slug: `it-sch-${label}-${hex}-${n}`,
          name: `scheduler ${label} ${n}`,
          tenancyModel: 'DATABASE' as const,
          database: `it_sch_${hex}_${n}`,
          region: 'test',
          costCenter: 'IT',
          policyTemplateId: template.id,
        };
      });
      const created = await db.tenant.createManyAndReturn({ data: rows, select: { id: true } });
      const newIds = created.map((c) => c.id);
      if (overrides !== undefined) await db.backupPolicy.createMany({ data: newIds.map((tenantId) => ({ tenantId, overrides })) });
      for (const id of newIds) {
        ids.push(id);
        mine.add(id);
      }
      return newIds;
    },
    async finishQueued(tenantIds, status, at, error) {
      const r = await db.job.updateMany({
        where: { tenantId: { in: [...tenantIds] }, type: 'BACKUP', status: { in: ['QUEUED', 'RUNNING'] } },
        data: { status, finishedAt: at, error: error ?? null },
      });
      return r.count;
    },
    async cleanup() {
      if (ids.length === 0) return;
      await db.snapshot.deleteMany({ where: { tenantId: { in: ids } } });
      await db.job.deleteMany({ where: { tenantId: { in: ids } } });
      await db.tenant.deleteMany({ where: { id: { in: ids } } });
      ids.length = 0;
      mine.clear();
    },
  };
}
