export type TBackupHealthState = 'healthy' | 'stale' | 'failing' | 'none';

/** Daily schedule plus two hours of slack: older than this, the recovery point is overdue. */
export const STALE_AFTER_SECONDS = 26 * 3600;

/**
 * Health in one word: `none` before any success; `failing` when the newest finished run failed;
 * `stale` when the last success is older than the schedule allows; `healthy` otherwise.
 */
export function classifyBackupHealth(args: { recoveryPointAgeSeconds: number | null; isLastRunFailed: boolean; staleAfterSeconds?: number }): TBackupHealthState {
  if (args.recoveryPointAgeSeconds === null) return args.isLastRunFailed ? 'failing' : 'none';
  if (args.isLastRunFailed) return 'failing';
  if (args.recoveryPointAgeSeconds > (args.staleAfterSeconds ?? STALE_AFTER_SECONDS)) return 'stale';
  return 'healthy';
}

/** "3 h 12 min", "2 d 4 h", "45 s": a recovery point age a person reads at a glance. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}
