import { EngineError } from '../errors/engine-error';

// Calendar buckets for GFS retention: the day, ISO week, month and year a moment falls in, as
// sortable labels ("2026-11-30", "2026-W48", "2026-11", "2026"). UTC unless an IANA time zone is
// given; then the local calendar date in that zone decides (a snapshot at 23:30 UTC on Nov 30 is
// on Dec 1 in Europe/Berlin).

export type TCalendarDate = { year: number; month: number; day: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws INVALID_ARGUMENT for a zone the runtime does not know. */
export function assertTimeZone(timeZone: string): void {
  try {
    formatterFor(timeZone);
  } catch {
    throw new EngineError('INVALID_ARGUMENT', `unknown time zone ${JSON.stringify(timeZone)} (use an IANA name such as "Europe/Berlin")`);
  }
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', calendar: 'iso8601' });
    formatters.set(timeZone, f);
  }
  return f;
}

export function calendarDate(at: Date, timeZone?: string): TCalendarDate {
  if (!timeZone || timeZone === 'UTC') return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
  const parts = formatterFor(timeZone).formatToParts(at);
  const num = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: num('year'), month: num('month'), day: num('day') };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
/** 1 = Monday … 7 = Sunday. */
const weekday = (y: number, m: number, d: number) => ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
const ordinal = (y: number, m: number, d: number) => (Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000 + 1;
/** An ISO year has 53 weeks when it starts on a Thursday, or on a Wednesday in a leap year. */
const weeksIn = (y: number) => {
  const jan1 = weekday(y, 1, 1);
  return jan1 === 4 || (jan1 === 3 && isLeap(y)) ? 53 : 52;
};

/** ISO 8601 week-numbering year and week of a calendar date. */
export function isoWeek({ year, month, day }: TCalendarDate): { year: number; week: number } {
  const week = Math.floor((ordinal(year, month, day) - weekday(year, month, day) + 10) / 7);
  if (week < 1) return { year: year - 1, week: weeksIn(year - 1) };
  if (week > weeksIn(year)) return { year: year + 1, week: 1 };
  return { year, week };
}

export type TBucketKind = 'daily' | 'weekly' | 'monthly' | 'yearly';

export function bucketLabel(kind: TBucketKind, date: TCalendarDate): string {
  switch (kind) {
    case 'daily':
      return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
    case 'weekly': {
      const w = isoWeek(date);
      return `${pad(w.year, 4)}-W${pad(w.week)}`;
    }
    case 'monthly':
      return `${pad(date.year, 4)}-${pad(date.month)}`;
    case 'yearly':
      return pad(date.year, 4);
  }
}
