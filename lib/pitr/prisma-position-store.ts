import 'server-only';
import { db } from '@/lib/db';
import type { CapturePositionStore, TCapturePosition } from '@/lib/engine';
import { recordCaptureGap } from './record-capture-gap';

export class CaptureLeaseLostError extends Error {
  constructor(cluster: string, holder: string) {
    super(`capture lease of cluster ${cluster} is no longer held by ${holder}`);
  }
}

type TRow = { throughTs: bigint | null; sinceTs: bigint | null; leaseHolder: string | null };

/**
 * The engine's CapturePositionStore on the catalog, for one cluster, one holder and one run's
 * captured tenants. `save` is one transaction: it checks the lease still names the holder
 * (fencing: a process that lost it moves nothing), moves the cluster position, moves the
 * tenants' `through` with it, and — when `since` moved (the engine restarts the chain only on a
 * gap: the oplog no longer reached `through`) — records the gap (afterTs = the old through,
 * beforeTs = the oldest entry = new since + 1) and queues the full backups, all or nothing.
 */
export function createPrismaPositionStore(args: {
  cluster: string;
  holder: string;
  tenantIds: readonly string[];
  /** the lease is renewed with every position write (a long run does not lose it) */
  leaseSeconds: number;
  /** test seam: a pause before the position write (the crash test kills the process inside it) */
  saveDelayMs?: number;
}): CapturePositionStore {
  const { cluster, holder } = args;
  return {
    load: async (): Promise<TCapturePosition | null> => {
      const row = await db.pitrCapture.findUnique({ where: { cluster }, select: { throughTs: true, sinceTs: true } });
      return row?.throughTs != null && row.sinceTs != null ? { through: row.throughTs, since: row.sinceTs } : null;
    },
    save: async (next: TCapturePosition): Promise<void> => {
      if (args.saveDelayMs) await new Promise((r) => setTimeout(r, args.saveDelayMs));
      await db.$transaction(
        async (tx) => {
          const [row] = await tx.$queryRaw<TRow[]>`
            SELECT through_ts AS "throughTs", since_ts AS "sinceTs", lease_holder AS "leaseHolder"
            FROM pitr_captures WHERE cluster = ${cluster} FOR UPDATE`;
          if (!row || row.leaseHolder !== holder) throw new CaptureLeaseLostError(cluster, holder);
          if (row.throughTs !== null && row.sinceTs !== null && next.since !== row.sinceTs) {
            await recordCaptureGap(tx, {
              cluster,
              afterTs: row.throughTs,
              beforeTs: next.since + 1n,
              tenantIds: args.tenantIds,
              reason: 'oplog-rolled-over',
            });
          }
          await tx.$executeRaw`
            UPDATE pitr_captures
            SET through_ts = ${next.through}, since_ts = ${next.since}, last_run_at = now(), last_error = NULL, updated_at = now(),
                lease_expires_at = now() + make_interval(secs => ${args.leaseSeconds}::float8)
            WHERE cluster = ${cluster}`;
          if (args.tenantIds.length > 0) {
            await tx.pitrTenantCapture.updateMany({
              where: { tenantId: { in: [...args.tenantIds] }, cluster, isCapturing: true },
              data: { throughTs: next.through },
            });
          }
        },
        { maxWait: 10_000, timeout: 30_000 },
      );
    },
  };
}
