import { longestInterval, nextRun, previousRun, shortestInterval } from '@/lib/policies/cron';

// The scheduler's arithmetic, pure and client-safe (the reconciler, the status read and the
// health read all use it; tests drive it with a fake clock). A slot is a time the cron names; a
// tenant's backup for a slot starts at slot + its jitter.

export type TScheduleSpec = { cron: string; timeZone: string };
export type TBackupKindChoice = 'full' | 'incremental';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A schedule's identity: when it differs from the stored one, the next run is computed anew. */
export function scheduleKeyOf(s: TScheduleSpec): string {
  return `${s.cron.trim()}|${s.timeZone}`;
}

/** Share of the schedule's shortest interval a tenant's start may be delayed by. */
export const JITTER_FRACTION = 0.1;

/** A stable 32-bit hash (FNV-1a, then a murmur3 finaliser for avalanche) → [0, 1). */
export function unitHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

/**
 * The tenant's fixed delay after each slot (whole seconds): the same for every pass and every
 * worker, at most `JITTER_FRACTION` of the interval and at most `maxJitterMs`, so tenants on the
 * same minute start spread out instead of all at once.
 */
export function jitterMs(tenantId: string, intervalMs: number | null, maxJitterMs: number): number {
  const bound = Math.min(maxJitterMs, Math.max(0, (intervalMs ?? 0) * JITTER_FRACTION));
  return Math.floor((unitHash(tenantId) * bound) / 1000) * 1000;
}

/** Per-pass memo of the cron arithmetic (every tenant of a template shares the same schedule). */
export function createCronMemo(now: Date) {
  const interval = new Map<string, number | null>();
  const next = new Map<string, Date | null>();
  const prev = new Map<string, Date | null>();
  const memo = <T>(m: Map<string, T>, k: string, f: () => T): T => {
    if (!m.has(k)) m.set(k, f());
    return m.get(k) as T;
  };
  return {
    shortestInterval: (s: TScheduleSpec) => memo(interval, scheduleKeyOf(s), () => shortestInterval(s.cron, s.timeZone, now)),
    /** The first slot strictly after now. */
    nextSlot: (s: TScheduleSpec) => memo(next, scheduleKeyOf(s), () => nextRun(s.cron, s.timeZone, now)),
    /** The latest slot at or before now. */
    previousSlot: (s: TScheduleSpec) => memo(prev, scheduleKeyOf(s), () => previousRun(s.cron, s.timeZone, now)),
  };
}
export type TCronMemo = ReturnType<typeof createCronMemo>;

/** When the tenant's next scheduled backup starts: the next slot after now plus its jitter (null: never). */
export function plannedStart(memo: TCronMemo, s: TScheduleSpec, tenantId: string, maxJitterMs: number): Date | null {
  const slot = memo.nextSlot(s);
  return slot ? new Date(slot.getTime() + jitterMs(tenantId, memo.shortestInterval(s), maxJitterMs)) : null;
}

/** Delay before retrying after the n-th consecutive failure: base · 2^(n−1), capped. */
export function backoffMs(failures: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
}

/**
 * Full or incremental, from the policy: full when the tenant has no kept full snapshot, when this
 * is the N-th scheduled run since the last full (`fullEveryRuns`; 1 = always full), or when the last
 * full is older than `fullEveryDays` (0 = no age rule).
 */
export function chooseBackupKind(args: {
  runsSinceFull: number;
  fullEveryRuns: number;
  fullEveryDays: number;
  lastFullAt: Date | null;
  now: Date;
}): TBackupKindChoice {
  if (!args.lastFullAt) return 'full';
  if (args.runsSinceFull + 1 >= args.fullEveryRuns) return 'full';
  if (args.fullEveryDays > 0 && args.now.getTime() - args.lastFullAt.getTime() >= args.fullEveryDays * DAY) return 'full';
  return 'incremental';
}

/** Slack on top of the schedule's longest gap before the recovery point counts as overdue. */
export const RPO_SLACK = 0.25;

/**
 * RPO target in seconds: the schedule's longest gap between runs plus `RPO_SLACK` (a 4-hourly
 * schedule is stale after 5 h, a weekly one after 8¾ days). Null when the cron never runs again.
 */
export function rpoTargetSeconds(s: TScheduleSpec, now: Date): number | null {
  const longest = longestInterval(s.cron, s.timeZone, now);
  return longest === null ? null : Math.ceil((longest * (1 + RPO_SLACK)) / 1000);
}
