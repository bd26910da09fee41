// The schedule editor's choices ⇄ a cron expression. Only the shapes the editor itself writes are
// recognised; any other expression is "custom" and stays as typed (validation is croner's, in
// lib/policies/cron.ts). Pure and client-safe.

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export const HOUR_STEPS = [1, 2, 3, 4, 6, 8, 12] as const;

export type TScheduleChoice =
  | { kind: 'hours'; every: number; minute: number }
  | { kind: 'daily'; hour: number; minute: number }
  | { kind: 'weekly'; weekday: number; hour: number; minute: number }
  | { kind: 'custom' };

const int = (s: string, max: number): number | null => {
  if (!/^\d{1,2}$/.test(s)) return null;
  const n = Number(s);
  return n <= max ? n : null;
};

/** The choice a cron expression corresponds to, or custom. */
export function choiceFromCron(cron: string): TScheduleChoice {
  const f = cron.trim().split(/\s+/);
  if (f.length !== 5) return { kind: 'custom' };
  const [mi, h, dom, mon, dow] = f as [string, string, string, string, string];
  const minute = int(mi, 59);
  if (minute === null || dom !== '*' || mon !== '*') return { kind: 'custom' };
  if (dow === '*') {
    if (h === '*') return { kind: 'hours', every: 1, minute };
    const step = /^\*\/(\d{1,2})$/.exec(h);
    if (step) {
      const every = Number(step[1]);
      return (HOUR_STEPS as readonly number[]).includes(every) ? { kind: 'hours', every, minute } : { kind: 'custom' };
    }
    const hour = int(h, 23);
    return hour === null ? { kind: 'custom' } : { kind: 'daily', hour, minute };
  }
  const weekday = int(dow, 6);
  const hour = int(h, 23);
  return weekday === null || hour === null ? { kind: 'custom' } : { kind: 'weekly', weekday, hour, minute };
}

/** The cron expression of a choice (custom: null, the typed expression stays). */
export function cronFromChoice(c: TScheduleChoice): string | null {
  switch (c.kind) {
    case 'hours':
      return `${c.minute} ${c.every === 1 ? '*' : `*/${c.every}`} * * *`;
    case 'daily':
      return `${c.minute} ${c.hour} * * *`;
    case 'weekly':
      return `${c.minute} ${c.hour} * * ${c.weekday}`;
    case 'custom':
      return null;
  }
}

const two = (n: number) => String(n).padStart(2, '0');

/** The choice in words, e.g. "every 6 hours at :15", "every Monday at 02:30". */
export function describeChoice(c: TScheduleChoice): string {
  switch (c.kind) {
    case 'hours':
      return c.every === 1 ? `every hour at :${two(c.minute)}` : `every ${c.every} hours at :${two(c.minute)}`;
    case 'daily':
      return `every day at ${two(c.hour)}:${two(c.minute)}`;
    case 'weekly':
      return `every ${WEEKDAYS[c.weekday]} at ${two(c.hour)}:${two(c.minute)}`;
    case 'custom':
      return 'a custom cron expression';
  }
}

/** The default choice when switching to a kind (keeps the current time where it has one). */
export function switchKind(kind: TScheduleChoice['kind'], from: TScheduleChoice): TScheduleChoice {
  const hour = 'hour' in from ? from.hour : 2;
  const minute = 'minute' in from ? from.minute : 0;
  switch (kind) {
    case 'hours':
      return { kind, every: 'every' in from ? from.every : 6, minute };
    case 'daily':
      return { kind, hour, minute };
    case 'weekly':
      return { kind, weekday: 'weekday' in from ? from.weekday : 1, hour, minute };
    case 'custom':
      return { kind };
  }
}
