import 'server-only';
import { hostname } from 'node:os';
import { env } from '@/lib/env';
import type { TJobCondition } from './job-conditions';

/** This process as a job owner (the CLI, a seeder): named like a worker in `Claimed` conditions. */
export const LOCAL_WORKER_ID = `local:${hostname()}:${process.pid}`;

/** The owner named by a job's last `Claimed` condition ("attempt N by worker <id>"), or null. */
export function ownerOf(conditions: unknown): string | null {
  if (!Array.isArray(conditions)) return null;
  for (let i = conditions.length - 1; i >= 0; i--) {
    const c = conditions[i] as Partial<TJobCondition> | null;
    if (c?.type !== 'Claimed' || typeof c.message !== 'string') continue;
    return /by worker (\S+)/.exec(c.message)?.[1] ?? null;
  }
  return null;
}

/** True when the owner is a process of this host (`local:<host>:<pid>`) that no longer exists. */
export function isLocalOwnerGone(owner: string | null): boolean {
  const m = owner ? /^local:(.+):(\d+)$/.exec(owner) : null;
  if (!m || m[1] !== hostname()) return false;
  const pid = Number(m[2]);
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * How old a RUNNING job's heartbeat must be before it may be taken over: WORKER_STALE_SECONDS,
 * or — when its owner is a process of this host that is gone (a SIGKILLed CLI) — three
 * heartbeat periods (a live owner heartbeats every WORKER_HEARTBEAT_SECONDS; the margin covers
 * another container with the same host name and its own process ids).
 */
export function takeoverSecondsFor(conditions: unknown): number {
  const { WORKER_STALE_SECONDS, WORKER_HEARTBEAT_SECONDS } = env();
  return isLocalOwnerGone(ownerOf(conditions)) ? Math.min(WORKER_STALE_SECONDS, 3 * WORKER_HEARTBEAT_SECONDS) : WORKER_STALE_SECONDS;
}
