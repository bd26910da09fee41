import { Cron } from 'croner';

// Cron through croner (5 fields, minute precision; day-of-month and day-of-week OR-ed like Vixie
// cron). Client-safe: the policy form shows the next runs as the admin types.

export type TCronCheck = { ok: true } | { ok: false; message: string };

function build(expression: string, timeZone: string): Cron {
  return new Cron(expression, { paused: true, mode: '5-part', timezone: timeZone, domAndDow: false });
}

/** Whether the time zone is a known IANA name (or UTC). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone }).format(0);
    return true;
  } catch {
    return false;
  }
}

/** Parses the expression; a plain message on failure (croner's, without its class prefix). */
export function checkCron(expression: string, timeZone = 'UTC'): TCronCheck {
  if (!isTimeZone(timeZone)) return { ok: false, message: `Unknown time zone "${timeZone}" (use an IANA name such as Europe/Berlin, or UTC).` };
  try {
    const cron = build(expression.trim(), timeZone);
    if (cron.nextRun(new Date('2000-01-01T00:00:00Z')) === null) return { ok: false, message: 'The expression never matches a date.' };
    return { ok: true };
  } catch (e) {
    const message = e instanceof Error ? e.message.replace(/^Cron\w*:\s*/, '') : String(e);
    return { ok: false, message: `Invalid cron expression: ${message}` };
  }
}

/** The next `count` run times strictly after `from`. Throws on an invalid expression (check first). */
export function nextRuns(expression: string, timeZone: string, from: Date, count: number): Date[] {
  return build(expression.trim(), timeZone).nextRuns(count, from);
}

/** The first run strictly after `from`, or null when the expression never matches again. */
export function nextRun(expression: string, timeZone: string, from: Date): Date | null {
  return build(expression.trim(), timeZone).nextRun(from);
}

/** The latest run at or before `at`, or null. */
export function previousRun(expression: string, timeZone: string, at: Date): Date | null {
  const [prev] = build(expression.trim(), timeZone).previousRuns(1, new Date(at.getTime() + 1));
  return prev ?? null;
}

/**
 * The shortest gap between consecutive runs over the next `sample` runs: the schedule's interval
 * (RPO target) and what template bounds compare against.
 */
export function shortestInterval(expression: string, timeZone: string, from: Date, sample = 64): number | null {
  const runs = nextRuns(expression, timeZone, from, sample);
  let best: number | null = null;
  for (let i = 1; i < runs.length; i++) {
    const gap = runs[i]!.getTime() - runs[i - 1]!.getTime();
    if (best === null || gap < best) best = gap;
  }
  return best;
}

/** The longest gap between consecutive runs over the next `sample` runs (the RPO a tenant can promise). */
export function longestInterval(expression: string, timeZone: string, from: Date, sample = 64): number | null {
  const runs = nextRuns(expression, timeZone, from, sample);
  let worst: number | null = null;
  for (let i = 1; i < runs.length; i++) {
    const gap = runs[i]!.getTime() - runs[i - 1]!.getTime();
    if (worst === null || gap > worst) worst = gap;
  }
  return worst;
}
