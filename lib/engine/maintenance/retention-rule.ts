import { z } from 'zod';
import { EngineError } from '../errors/engine-error';

// A GFS retention rule (restic `forget` semantics, see README). Counts are "how many of the most
// recent buckets that contain a snapshot"; 0 disables that tier. Bounds keep a rule sane (10
// years of dailies, 100 years of yearlies) and a rule must keep at least one snapshot, so the
// newest completed snapshot — the parent of the next incremental — is always retained.

const count = (name: string, max: number, what: string) =>
  z
    .number({ error: `${name} must be a whole number` })
    .int({ error: `${name} must be a whole number` })
    .min(0, { error: `${name} cannot be negative` })
    .max(max, { error: `${name} is at most ${max} (${what})` });

export const RETENTION_LIMITS = { keepLast: 10_000, daily: 3_660, weekly: 520, monthly: 1_200, yearly: 100, minAgeDays: 3_650 } as const;

export const ZRetentionRule = z
  .strictObject({
    keepLast: count('keepLast', RETENTION_LIMITS.keepLast, 'newest snapshots').default(0),
    daily: count('daily', RETENTION_LIMITS.daily, 'about ten years of days').default(0),
    weekly: count('weekly', RETENTION_LIMITS.weekly, 'ten years of weeks').default(0),
    monthly: count('monthly', RETENTION_LIMITS.monthly, 'a hundred years of months').default(0),
    yearly: count('yearly', RETENTION_LIMITS.yearly, 'years').default(0),
    minAgeDays: count('minAgeDays', RETENTION_LIMITS.minAgeDays, 'ten years').default(0),
  })
  .refine((r) => r.keepLast + r.daily + r.weekly + r.monthly + r.yearly > 0, {
    error: 'the rule keeps nothing: set at least one of keepLast, daily, weekly, monthly, yearly to 1 or more',
  });
export type TRetentionRule = z.infer<typeof ZRetentionRule>;

/** Compliance minimum retention in days (0 = none). */
export const ZComplianceDays = count('complianceDays', RETENTION_LIMITS.minAgeDays, 'ten years');

/** Parses a rule; INVALID_ARGUMENT listing every problem (path: message) otherwise. */
export function parseRetentionRule(input: unknown): TRetentionRule {
  const res = ZRetentionRule.safeParse(input);
  if (res.success) return res.data;
  const problems = res.error.issues.map((i) => {
    if (i.code === 'unrecognized_keys') return `unknown key(s) ${i.keys.join(', ')}`;
    return i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message;
  });
  throw new EngineError('INVALID_ARGUMENT', `invalid retention rule: ${problems.join('; ')}`, { problems });
}
