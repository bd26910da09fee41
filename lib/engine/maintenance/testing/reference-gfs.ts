// A deliberately simple, independently written GFS model for the property test: group the live
// completed snapshots by bucket label, sort the labels newest first, take the first N labels and
// keep the newest snapshot of each. No streaming, no shared code with apply-retention.ts.
import type { TRetentionRule } from '../retention-rule';

export type TRefSnapshot = {
  id: string;
  at: number | null;
  status: 'completed' | 'running' | 'failed';
  parent: string | null;
  held: string | null;
  lockedUntil: number | null;
  expired: boolean;
};

const DAY = 24 * 60 * 60 * 1000;
const FORMATS = new Map<string, Intl.DateTimeFormat>();

function localDate(t: number, zone: string | undefined): { y: number; m: number; d: number } {
  if (!zone) {
    const iso = new Date(t).toISOString();
    return { y: Number(iso.slice(0, 4)), m: Number(iso.slice(5, 7)), d: Number(iso.slice(8, 10)) };
  }
  // sv-SE formats as YYYY-MM-DD.
  let f = FORMATS.get(zone);
  if (!f) FORMATS.set(zone, (f = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  const s = f.format(new Date(t));
  const [y, m, d] = s.split('-').map(Number);
  return { y: y!, m: m!, d: d! };
}

/** ISO week by the "Thursday of the same week decides the year" rule. */
function isoWeekLabel(y: number, m: number, d: number): string {
  const date = new Date(Date.UTC(y, m - 1, d));
  const mondayBased = (date.getUTCDay() + 6) % 7;
  const thursday = new Date(date.getTime() + (3 - mondayBased) * DAY);
  const isoYear = thursday.getUTCFullYear();
  const jan4 = new Date(Date.UTC(isoYear, 0, 4));
  const week1Monday = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY;
  const week = Math.floor((thursday.getTime() - week1Monday) / (7 * DAY)) + 1;
  return `${isoYear}-W${week < 10 ? '0' : ''}${week}`;
}

function label(tier: 'daily' | 'weekly' | 'monthly' | 'yearly', t: number, zone: string | undefined): string {
  const { y, m, d } = localDate(t, zone);
  const mm = m < 10 ? `0${m}` : `${m}`;
  const dd = d < 10 ? `0${d}` : `${d}`;
  if (tier === 'daily') return `${y}-${mm}-${dd}`;
  if (tier === 'monthly') return `${y}-${mm}`;
  if (tier === 'yearly') return `${y}`;
  return isoWeekLabel(y, m, d);
}

/** The ids the model keeps. */
export function referenceKeep(snaps: TRefSnapshot[], rule: TRetentionRule, complianceDays: number, now: number, zone?: string): Set<string> {
  const keep = new Set<string>();
  const live = snaps.filter((s) => !s.expired);
  for (const s of live) {
    if (s.held) keep.add(s.id);
    if (s.lockedUntil !== null && s.lockedUntil > now) keep.add(s.id);
    if (s.status === 'completed' && complianceDays > 0 && s.at! + complianceDays * DAY > now) keep.add(s.id);
    if (s.status === 'running') {
      keep.add(s.id);
      const parent = live.find((p) => p.id === s.parent);
      if (parent) keep.add(parent.id);
    }
  }
  const done = live.filter((s) => s.status === 'completed');
  const newer = (a: TRefSnapshot, b: TRefSnapshot) => a.at! > b.at! || (a.at === b.at && a.id > b.id);
  const sorted = [...done].sort((a, b) => (newer(a, b) ? -1 : 1));
  sorted.slice(0, rule.keepLast).forEach((s) => keep.add(s.id));
  for (const s of done) if (rule.minAgeDays > 0 && s.at! > now - rule.minAgeDays * DAY) keep.add(s.id);
  for (const tier of ['daily', 'weekly', 'monthly', 'yearly'] as const) {
    const newestIn = new Map<string, TRefSnapshot>();
    for (const s of done) {
      const l = label(tier, s.at!, zone);
      const cur = newestIn.get(l);
      if (!cur || newer(s, cur)) newestIn.set(l, s);
    }
    const labels = [...newestIn.keys()].sort().reverse().slice(0, rule[tier]);
    for (const l of labels) keep.add(newestIn.get(l)!.id);
  }
  return keep;
}
