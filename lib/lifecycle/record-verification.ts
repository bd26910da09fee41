import 'server-only';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { appendAudit } from '@/lib/audit/append-audit';
import { db } from '@/lib/db';
import type { TVerifyReport } from '@/lib/engine';
import { LIFECYCLE_ACTOR } from './tenant-lock';

/** The text stored in `snapshots.verify_error`: names the snapshot and the first bad object. */
export function verifyErrorOf(snapshotId: string, report: TVerifyReport): string | null {
  if (report.ok) return null;
  const first = report.problems[0];
  const more = report.problems.length > 1 ? ` (+${report.problems.length - 1} more problems)` : '';
  return first
    ? `snapshot ${snapshotId} failed ${report.level} verification: ${first.code} ${first.objectKey}: ${first.message}${more}`
    : `snapshot ${snapshotId} failed ${report.level} verification`;
}

/**
 * Records a verification on the snapshot row: `verifiedAt` (structural) or `dataVerifiedAt`
 * (read-data) when it passed, and `verifyError` (null when it passed, else naming the snapshot
 * and the object). A failure is audited (system actor). Scoped to the tenant.
 */
export async function recordVerification(args: {
  tenantId: string;
  snapshotId: string;
  report: TVerifyReport;
  at?: Date;
  jobId?: string;
}): Promise<string | null> {
  const at = args.at ?? new Date();
  const error = verifyErrorOf(args.snapshotId, args.report);
  const stamp = args.report.level === 'read-data' ? { dataVerifiedAt: at, verifiedAt: at } : { verifiedAt: at };
  await db.$transaction(async (tx) => {
    const moved = await tx.snapshot.updateMany({
      where: { id: args.snapshotId, tenantId: args.tenantId },
      data: error === null ? { ...stamp, verifyError: null } : { verifyError: error },
    });
    if (moved.count === 1 && error !== null)
      await appendAudit(tx, {
        ...LIFECYCLE_ACTOR,
        action: AUDIT_ACTIONS.snapshotVerifyFailed,
        tenantId: args.tenantId,
        targetType: 'snapshot',
        targetId: args.snapshotId,
        metadata: { level: args.report.level, error, problems: args.report.problems.slice(0, 20), jobId: args.jobId ?? null },
        origin: 'worker',
      });
  });
  return error;
}
