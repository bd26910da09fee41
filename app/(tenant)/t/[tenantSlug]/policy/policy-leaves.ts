import type { TPolicyBounds, TPolicyDocument, TPolicyLeaf } from '@/lib/policies/policy-document';
import { readLeaf } from '@/lib/policies/policy-document';

// How the policy form shows and reads each leaf of the document. Client-safe and pure: the form
// keeps one string (or boolean) per leaf; a value equal to the template's is not an override.

export type TLeafKind = 'int' | 'cron' | 'zone' | 'bool' | 'list';
export type TLeafMeta = { leaf: TPolicyLeaf; label: string; kind: TLeafKind; hint: string; bounds?: (b: TPolicyBounds) => string };
export type TFieldValue = string | boolean;
export type TFieldValues = Record<TPolicyLeaf, TFieldValue>;

const range = (r: readonly [number, number]) => `${r[0]}–${r[1]}`;

export const LEAF_SECTIONS: { title: string; leaves: TLeafMeta[] }[] = [
  {
    title: 'Schedule',
    leaves: [
      {
        leaf: 'schedule.cron',
        label: 'Schedule (cron)',
        kind: 'cron',
        hint: 'Pick a repeat above, or type any five-field cron expression, e.g. 0 2 1 * * for 02:00 on the 1st of each month.',
        bounds: (b) => `every ${b.minIntervalMinutes} min at most, every ${b.maxIntervalHours} h at least`,
      },
      { leaf: 'schedule.timeZone', label: 'Time zone', kind: 'zone', hint: 'IANA name, e.g. Europe/Berlin, or UTC.' },
      {
        leaf: 'schedule.fullEveryRuns',
        label: 'Full snapshot every (runs)',
        kind: 'int',
        hint: 'Incrementals in between.',
        bounds: (b) => range(b.fullEveryRuns),
      },
      { leaf: 'schedule.fullEveryDays', label: 'Also full after (days)', kind: 'int', hint: '0 = no age rule.' },
    ],
  },
  {
    title: 'Retention (grandfather-father-son)',
    leaves: [
      { leaf: 'retention.keepLast', label: 'Keep the newest', kind: 'int', hint: 'snapshots, whatever their age.', bounds: (b) => range(b.retention.keepLast) },
      { leaf: 'retention.daily', label: 'Daily snapshots kept', kind: 'int', hint: 'the last of each day.', bounds: (b) => range(b.retention.daily) },
      { leaf: 'retention.weekly', label: 'Weekly snapshots kept', kind: 'int', hint: 'the last of each week.', bounds: (b) => range(b.retention.weekly) },
      { leaf: 'retention.monthly', label: 'Monthly snapshots kept', kind: 'int', hint: 'the last of each month.', bounds: (b) => range(b.retention.monthly) },
      { leaf: 'retention.yearly', label: 'Yearly snapshots kept', kind: 'int', hint: 'the last of each year.', bounds: (b) => range(b.retention.yearly) },
      {
        leaf: 'retention.minAgeDays',
        label: 'Never expire younger than (days)',
        kind: 'int',
        hint: 'minimum age.',
        bounds: (b) => range(b.retention.minAgeDays),
      },
    ],
  },
  {
    title: 'Scope',
    leaves: [
      { leaf: 'scope.include', label: 'Only these collections', kind: 'list', hint: 'Comma-separated; empty = every collection.' },
      { leaf: 'scope.exclude', label: 'Never these collections', kind: 'list', hint: 'Comma-separated.' },
    ],
  },
  {
    title: 'Storage, recovery, verification',
    leaves: [
      { leaf: 'tiering.coldAfterDays', label: 'Move to cold storage after (days)', kind: 'int', hint: '0 = never.', bounds: (b) => range(b.coldAfterDays) },
      {
        leaf: 'pitr.enabled',
        label: 'Point-in-time recovery',
        kind: 'bool',
        hint: 'Keep oplog segments between snapshots.',
        bounds: (b) => (b.pitrAllowed ? 'allowed' : 'not on this plan'),
      },
      {
        leaf: 'pitr.windowHours',
        label: 'Point-in-time window (hours)',
        kind: 'int',
        hint: 'How far back a moment can be chosen.',
        bounds: (b) => `at most ${b.pitrMaxWindowHours}`,
      },
      {
        leaf: 'verification.dataWindowDays',
        label: 'Read every pack within (days)',
        kind: 'int',
        hint: 'Read-data verification window.',
        bounds: (b) => range(b.dataWindowDays),
      },
      { leaf: 'onDemand.maxPerDay', label: 'On-demand backups per day', kind: 'int', hint: '0 = off.', bounds: (b) => `0–${b.maxOnDemandPerDay}` },
    ],
  },
];

export const LEAF_META: Record<TPolicyLeaf, TLeafMeta> = Object.fromEntries(LEAF_SECTIONS.flatMap((s) => s.leaves).map((m) => [m.leaf, m])) as Record<
  TPolicyLeaf,
  TLeafMeta
>;

export function toFieldValue(kind: TLeafKind, value: unknown): TFieldValue {
  if (kind === 'bool') return value === true;
  if (kind === 'list') return Array.isArray(value) ? value.join(', ') : '';
  return value === undefined || value === null ? '' : String(value);
}

/** The form's values for a document (the effective policy). */
export function fieldsFromPolicy(policy: TPolicyDocument): TFieldValues {
  return Object.fromEntries(Object.values(LEAF_META).map((m) => [m.leaf, toFieldValue(m.kind, readLeaf(policy, m.leaf))])) as TFieldValues;
}

function fromField(kind: TLeafKind, value: TFieldValue): unknown {
  if (kind === 'bool') return value === true;
  const text = String(value).trim();
  if (kind === 'list')
    return text === ''
      ? []
      : text
          .split(/[,\n]/)
          .map((s) => s.trim())
          .filter(Boolean);
  if (kind === 'int') return text === '' ? undefined : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  return text === '' ? undefined : text;
}

/**
 * Leaf → override value for the leaves that differ from the template (what the save sends as
 * `fields`; a blank field or the template's own value inherits from the template).
 */
export function leafOverrides(values: TFieldValues, defaults: TPolicyDocument): Partial<Record<TPolicyLeaf, unknown>> {
  const out: Partial<Record<TPolicyLeaf, unknown>> = {};
  for (const m of Object.values(LEAF_META)) {
    const v = fromField(m.kind, values[m.leaf]);
    if (v === undefined) continue;
    if (JSON.stringify(v) === JSON.stringify(readLeaf(defaults, m.leaf))) continue;
    out[m.leaf] = v;
  }
  return out;
}

/** The nested overrides object of per-leaf values (the stored/preview shape). */
export function nestLeaves(leaves: Partial<Record<TPolicyLeaf, unknown>>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [leaf, v] of Object.entries(leaves)) {
    const [section, key] = leaf.split('.') as [string, string];
    out[section] = { ...out[section], [key]: v };
  }
  return out;
}
