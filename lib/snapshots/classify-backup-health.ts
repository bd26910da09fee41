export type TBackupHealthState = 'healthy' | 'stale' | 'failing' | 'none';

/** Daily schedule plus two hours of slack: older than this, the recovery point is overdue. */
export const STALE_AFTER_SECONDS = 26 * 3600;

/**
 * Health in one word: `none` before any success; `failing` when the newest finished run failed;
 * `stale` when the last success is older than the schedule allows; `healthy` otherwise.
 */
export function classifyBackupHealth(args: {
  recoveryPointAgeSeconds: number | null;
  isLastRunFailed: boolean;
  staleAfterSeconds?: number;
}): TBackupHealthState {
  if (args.recoveryPointAgeSeconds === null) return args.isLastRunFailed ? 'failing' : 'none';
  if (args.isLastRunFailed) return 'failing';
  if (args.recoveryPointAgeSeconds > (args.staleAfterSeconds ?? STALE_AFTER_SECONDS)) return 'stale';
  return 'healthy';
}
