// An independent, deliberately naive model of the retention rule the catalog must follow (UTC
// calendar, restic `forget` semantics), written from the rule's description — not from the
// engine's code — to check the retention pass against. Monotone: the caller keeps the expired set
// and passes it back; an expired snapshot never comes back and never counts in a bucket.

export type TRefSnapshot = { id: string; at: Date; failed: boolean; held: boolean; lockedUntil: Date | null };
export type TRefRule = { keepLast: number; daily: number; weekly: number; monthly: number; yearly: number; minAgeDays: number };

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

function isoWeek(d: Date): string {
  // The ISO week's Thursday decides its year; week 1 holds the year's first Thursday.
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3));
  const year = thursday.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week1Thursday = new Date(jan4.getTime() + (3 - ((jan4.getUTCDay() + 6) % 7)) * DAY);
  const week = Math.round((thursday.getTime() - week1Thursday.getTime()) / (7 * DAY)) + 1;
  return `${year}-W${pad(week)}`;
}

const bucketOf: Record<'daily' | 'weekly' | 'monthly' | 'yearly', (d: Date) => string> = {
  daily: (d) => d.toISOString().slice(0, 10),
  weekly: isoWeek,
  monthly: (d) => d.toISOString().slice(0, 7),
  yearly: (d) => String(d.getUTCFullYear()),
};

/** The ids that must be expired after this pass: the already expired ones plus those the rule drops now. */
export function referenceExpired(args: {
  snapshots: TRefSnapshot[];
  rule: TRefRule;
  complianceDays: number;
  now: Date;
  expired: ReadonlySet<string>;
}): Set<string> {
  const { rule, now } = args;
  const out = new Set(args.expired);
  const protectedNow = (s: TRefSnapshot) =>
    s.held || (s.lockedUntil !== null && s.lockedUntil > now) || (!s.failed && s.at.getTime() + args.complianceDays * DAY > now.getTime());
  const live = args.snapshots.filter((s) => !out.has(s.id));
  const completed = live.filter((s) => !s.failed).sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1));
  const kept = new Set<string>();
  completed.slice(0, rule.keepLast).forEach((s) => kept.add(s.id));
  for (const tier of ['daily', 'weekly', 'monthly', 'yearly'] as const) {
    let left = rule[tier];
    let last: string | null = null;
    for (const s of completed) {
      if (left <= 0) break;
      const b = bucketOf[tier](s.at);
      if (b === last) continue;
      last = b;
      kept.add(s.id);
      left--;
    }
  }
  for (const s of completed) if (now.getTime() - s.at.getTime() < rule.minAgeDays * DAY) kept.add(s.id);
  for (const s of live) if (!kept.has(s.id) && !protectedNow(s)) out.add(s.id);
  return out;
}
