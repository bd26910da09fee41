import 'server-only';
import type { Logger } from 'pino';
import type { TJobRun } from '@/lib/jobs/run-as-job';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { applyTenantRetention } from './apply-tenant-retention';
import { lockSnapshotObjects } from './lock-snapshot-objects';
import { verifyAfterBackup } from './verify-after-backup';

/**
 * What follows every successful backup, after its snapshot rows are committed: a structural
 * verify of the new snapshot (recorded on its row), Object Lock retention on its objects for a
 * tenant under a compliance lock (when configured), and the tenant's retention pass. A failure of
 * either is noted on the job (and logged); it does not fail the backup, whose snapshot stands.
 */
export async function afterBackup(args: { ctx: TEngineContext; tenantId: string; snapshotId: string; run: TJobRun; log?: Logger; now?: Date }) {
  const { run } = args;
  try {
    const error = await verifyAfterBackup({ ctx: args.ctx, tenantId: args.tenantId, snapshotId: args.snapshotId, signal: run.signal, jobId: run.jobId });
    if (error) await run.note('VerifyFailed', error);
  } catch (err) {
    args.log?.warn({ err, snapshotId: args.snapshotId }, 'structural verify after backup failed');
    await run.note('VerifyFailed', `structural verify of ${args.snapshotId} could not run: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    const lock = await lockSnapshotObjects({ ctx: args.ctx, tenantId: args.tenantId, snapshotId: args.snapshotId, signal: run.signal });
    if ('lockedUntil' in lock) await run.note('ObjectLock', `${lock.objects} objects retained until ${lock.lockedUntil.toISOString()}`);
  } catch (err) {
    args.log?.warn({ err }, 'object lock after backup failed');
    await run.note('ObjectLockFailed', err instanceof Error ? err.message : String(err));
  }
  try {
    const r = await applyTenantRetention({ tenantId: args.tenantId, now: args.now });
    if (r.expired.length > 0) await run.note('Retention', `${r.expired.length} snapshot(s) expired: ${r.expired.map((e) => e.id).join(', ')}`);
  } catch (err) {
    args.log?.warn({ err }, 'retention pass after backup failed');
    await run.note('RetentionFailed', err instanceof Error ? err.message : String(err));
  }
}
