import { longestInterval, shortestInterval, checkCron } from './cron';
import {
  POLICY_LEAVES,
  readLeaf,
  ZPolicyDocument,
  ZPolicyOverrides,
  type TPolicyBounds,
  type TPolicyDocument,
  type TPolicyLeaf,
  type TPolicyOverrides,
  type TRange,
} from './policy-document';

// Effective policy = the template's defaults, with each tenant override that lies within the
// template's bounds. Pure and client-safe: the policy page, the save path and the scheduler all
// resolve with this one function. A save is refused when `problems` is not empty; a read (e.g.
// after a template was tightened) uses the template value for an out-of-bounds override and says so.

export type TPolicySource = 'template' | 'tenant';
export type TPolicyProblem = { leaf: TPolicyLeaf | 'overrides'; message: string };
export type TPolicyTemplateInput = { name: string; label: string; defaults: TPolicyDocument; bounds: TPolicyBounds };

export type TEffectivePolicy = {
  policy: TPolicyDocument;
  sources: Record<TPolicyLeaf, TPolicySource>;
  /** Overrides that were not applied, with the reason (empty for a valid save). */
  problems: TPolicyProblem[];
  template: { name: string; label: string };
  /** Platform compliance lock: no completed snapshot expires younger than this (days; 0 = none). */
  complianceDays: number;
  bounds: TPolicyBounds;
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const RANGE_OF: Partial<Record<TPolicyLeaf, (b: TPolicyBounds) => TRange>> = {
  'schedule.fullEveryRuns': (b) => b.fullEveryRuns,
  'retention.keepLast': (b) => b.retention.keepLast,
  'retention.daily': (b) => b.retention.daily,
  'retention.weekly': (b) => b.retention.weekly,
  'retention.monthly': (b) => b.retention.monthly,
  'retention.yearly': (b) => b.retention.yearly,
  'retention.minAgeDays': (b) => b.retention.minAgeDays,
  'tiering.coldAfterDays': (b) => b.coldAfterDays,
  'verification.dataWindowDays': (b) => b.dataWindowDays,
  'onDemand.maxPerDay': (b) => [0, b.maxOnDemandPerDay],
};

function setLeaf(doc: Record<string, Record<string, unknown>>, leaf: TPolicyLeaf, value: unknown): void {
  const [section, key] = leaf.split('.') as [string, string];
  doc[section] = { ...doc[section], [key]: value };
}

/** Checks the schedule's run spacing against the template (null when within bounds). */
export function scheduleProblem(cron: string, timeZone: string, bounds: TPolicyBounds, now: Date): string | null {
  const check = checkCron(cron, timeZone);
  if (!check.ok) return check.message;
  const shortest = shortestInterval(cron, timeZone, now);
  const longest = longestInterval(cron, timeZone, now);
  if (shortest !== null && shortest < bounds.minIntervalMinutes * MINUTE)
    return `runs too often: at most every ${bounds.minIntervalMinutes} minutes on this plan`;
  if (longest === null || longest > bounds.maxIntervalHours * HOUR) return `runs too rarely: at least every ${bounds.maxIntervalHours} hours on this plan`;
  return null;
}

function leafProblem(leaf: TPolicyLeaf, value: unknown, bounds: TPolicyBounds, merged: TPolicyDocument): string | null {
  const range = RANGE_OF[leaf]?.(bounds);
  if (range && typeof value === 'number' && (value < range[0] || value > range[1])) return `outside this plan's bounds (${range[0]}–${range[1]})`;
  if (leaf === 'pitr.enabled' && value === true && !bounds.pitrAllowed) return 'point-in-time recovery is not part of this plan';
  if (leaf === 'pitr.windowHours' && merged.pitr.enabled && typeof value === 'number' && value > bounds.pitrMaxWindowHours) {
    return `at most ${bounds.pitrMaxWindowHours} hours on this plan`;
  }
  return null;
}

export function resolveEffectivePolicy(args: { template: TPolicyTemplateInput; overrides: unknown; complianceDays?: number; now: Date }): TEffectivePolicy {
  const { template, now } = args;
  const problems: TPolicyProblem[] = [];
  const sources = Object.fromEntries(POLICY_LEAVES.map((l) => [l, 'template'])) as Record<TPolicyLeaf, TPolicySource>;
  const parsed = ZPolicyOverrides.safeParse(args.overrides ?? {});
  let overrides: TPolicyOverrides = {};
  if (parsed.success) overrides = parsed.data;
  else for (const i of parsed.error.issues) problems.push({ leaf: toLeaf(i.path) ?? 'overrides', message: issueMessage(i) });

  const doc = structuredClone(template.defaults) as unknown as Record<string, Record<string, unknown>>;
  for (const leaf of POLICY_LEAVES) {
    const value = readLeaf(overrides, leaf);
    if (value === undefined) continue;
    setLeaf(doc, leaf, value);
    sources[leaf] = 'tenant';
  }
  // The schedule is judged as a whole (cron and zone together decide the spacing).
  const draft = doc as unknown as TPolicyDocument;
  if (sources['schedule.cron'] === 'tenant' || sources['schedule.timeZone'] === 'tenant') {
    const problem = scheduleProblem(draft.schedule.cron, draft.schedule.timeZone, template.bounds, now);
    if (problem) {
      const leaf = sources['schedule.cron'] === 'tenant' ? 'schedule.cron' : 'schedule.timeZone';
      problems.push({ leaf, message: problem });
      for (const l of ['schedule.cron', 'schedule.timeZone'] as const) revert(doc, sources, template.defaults, l);
    }
  }
  for (const leaf of POLICY_LEAVES) {
    if (sources[leaf] !== 'tenant' || leaf === 'schedule.cron' || leaf === 'schedule.timeZone') continue;
    const problem = leafProblem(leaf, readLeaf(doc, leaf), template.bounds, draft);
    if (problem) {
      problems.push({ leaf, message: problem });
      revert(doc, sources, template.defaults, leaf);
    }
  }
  // The merged document must still be a valid policy (e.g. a retention rule that keeps something).
  const whole = ZPolicyDocument.safeParse(doc);
  if (!whole.success) {
    for (const i of whole.error.issues) {
      const leaf = toLeaf(i.path);
      problems.push({ leaf: leaf ?? 'overrides', message: issueMessage(i) });
      const section = String(i.path[0] ?? '');
      for (const l of POLICY_LEAVES) if (l.startsWith(`${section}.`)) revert(doc, sources, template.defaults, l);
    }
  }
  return {
    policy: ZPolicyDocument.parse(doc),
    sources,
    problems,
    template: { name: template.name, label: template.label },
    complianceDays: args.complianceDays ?? 0,
    bounds: template.bounds,
  };
}

function revert(doc: Record<string, Record<string, unknown>>, sources: Record<TPolicyLeaf, TPolicySource>, defaults: TPolicyDocument, leaf: TPolicyLeaf) {
  setLeaf(doc, leaf, structuredClone(readLeaf(defaults, leaf)));
  sources[leaf] = 'template';
}

function toLeaf(path: readonly PropertyKey[]): TPolicyLeaf | null {
  const leaf = `${String(path[0] ?? '')}.${String(path[1] ?? '')}`;
  return (POLICY_LEAVES as readonly string[]).includes(leaf) ? (leaf as TPolicyLeaf) : null;
}

function issueMessage(i: { code: string; message: string; path: readonly PropertyKey[]; keys?: string[] }): string {
  if (i.code === 'unrecognized_keys') return `unknown key(s) ${(i.keys ?? []).join(', ')}${i.path.length ? ` in ${i.path.join('.')}` : ''}`;
  return i.message;
}
