export type TBackupHealthState = 'healthy' | 'stale' | 'failing' | 'none';

/**
 * Health in one word: `failing` when the newest finished run failed, the schedule's last run
 * failed (a retry is pending), or a kept snapshot failed verification; `none` before any success;
 * `stale` when the last success is older than the tenant's own RPO target (its schedule's
 * longest interval plus slack, lib/schedule `rpoTargetSeconds`); `healthy` otherwise.
 */
export function classifyBackupHealth(args: {
  recoveryPointAgeSeconds: number | null;
  isLastRunFailed: boolean;
  /** The RPO target; null = the schedule never runs again (never stale). */
  staleAfterSeconds: number | null;
  hasVerifyFailure?: boolean;
  scheduleFailures?: number;
}): TBackupHealthState {
  const isFailing = args.isLastRunFailed || Boolean(args.hasVerifyFailure) || (args.scheduleFailures ?? 0) > 0;
  if (isFailing) return 'failing';
  if (args.recoveryPointAgeSeconds === null) return 'none';
  if (args.staleAfterSeconds !== null && args.recoveryPointAgeSeconds > args.staleAfterSeconds) return 'stale';
  return 'healthy';
}
