import { z } from 'zod';
import { RETENTION_LIMITS, ZRetentionRule } from '@/lib/engine/maintenance/retention-rule';
import { checkCron } from './cron';

// The tenant's backup policy as one declarative document (client-safe: the form and the raw
// JSON/YAML editor validate with the same schema before the server validates again). A platform
// template gives every value and its bounds; a tenant stores only its overrides
// (`ZPolicyOverrides`); `resolveEffectivePolicy` merges the two (effective-policy.ts).

const whole = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number` })
    .int({ error: `${label} must be a whole number` })
    .min(min, { error: `${label}: at least ${min}` })
    .max(max, { error: `${label}: at most ${max}` });

/** A logical collection name as the tenant sees it (no `$`, no NUL, not `system.*`). */
export const ZCollectionName = z
  .string()
  .trim()
  .min(1, { error: 'collection name is empty' })
  .max(120, { error: 'collection name: at most 120 characters' })
  .regex(/^[^$\0]+$/, { error: 'collection name cannot contain $ or NUL' })
  .refine((v) => !v.startsWith('system.'), { error: 'system collections are never backed up' });

export const ZScope = z.strictObject({
  /** Empty = every collection of the tenant. */
  include: z.array(ZCollectionName).max(500, { error: 'at most 500 collections' }),
  exclude: z.array(ZCollectionName).max(500, { error: 'at most 500 collections' }),
});

export const ZSchedule = z
  .strictObject({
    cron: z.string().trim().min(1, { error: 'enter a cron expression, e.g. 0 2 * * *' }),
    timeZone: z.string().trim().min(1).max(64),
    /** A full snapshot every N scheduled runs (1 = always full); incrementals in between. */
    fullEveryRuns: whole('full every N runs', 1, 90),
    /** Also a full snapshot when the last full is older than D days (0 = no age rule). */
    fullEveryDays: whole('full every D days', 0, 365),
  })
  .superRefine((s, ctx) => {
    const check = checkCron(s.cron, s.timeZone);
    if (!check.ok) ctx.addIssue({ code: 'custom', path: [check.message.startsWith('Unknown time zone') ? 'timeZone' : 'cron'], message: check.message });
  });

export const ZTiering = z.strictObject({
  /** Objects of snapshots older than this move to the cold storage class (0 = never). */
  coldAfterDays: whole('cold after days', 0, RETENTION_LIMITS.minAgeDays),
});

export const ZPitr = z.strictObject({
  enabled: z.boolean({ error: 'pitr.enabled must be true or false' }),
  /** How far back a point in time can be chosen. */
  windowHours: whole('PITR window (hours)', 1, 24 * 35),
});

export const ZVerification = z.strictObject({
  /** Structural verify after every backup always; read-data sampled so every pack is read once per this many days. */
  dataWindowDays: whole('read-data verification window (days)', 1, 90),
});

export const ZOnDemand = z.strictObject({
  maxPerDay: whole('on-demand backups per day', 0, 24),
});

export const ZPolicyDocument = z.strictObject({
  scope: ZScope,
  schedule: ZSchedule,
  retention: ZRetentionRule,
  tiering: ZTiering,
  pitr: ZPitr,
  verification: ZVerification,
  onDemand: ZOnDemand,
});
export type TPolicyDocument = z.infer<typeof ZPolicyDocument>;

/** What a tenant stores: any subset of the document's leaves (strict: unknown keys are refused). */
export const ZPolicyOverrides = z.strictObject({
  scope: ZScope.partial().optional(),
  schedule: z
    .strictObject({
      cron: z.string().trim().min(1).optional(),
      timeZone: z.string().trim().min(1).max(64).optional(),
      fullEveryRuns: whole('full every N runs', 1, 90).optional(),
      fullEveryDays: whole('full every D days', 0, 365).optional(),
    })
    .optional(),
  retention: z
    .strictObject({
      keepLast: whole('keepLast', 0, RETENTION_LIMITS.keepLast).optional(),
      daily: whole('daily', 0, RETENTION_LIMITS.daily).optional(),
      weekly: whole('weekly', 0, RETENTION_LIMITS.weekly).optional(),
      monthly: whole('monthly', 0, RETENTION_LIMITS.monthly).optional(),
      yearly: whole('yearly', 0, RETENTION_LIMITS.yearly).optional(),
      minAgeDays: whole('minAgeDays', 0, RETENTION_LIMITS.minAgeDays).optional(),
    })
    .optional(),
  tiering: ZTiering.partial().optional(),
  pitr: ZPitr.partial().optional(),
  verification: ZVerification.partial().optional(),
  onDemand: ZOnDemand.partial().optional(),
});
export type TPolicyOverrides = z.infer<typeof ZPolicyOverrides>;

/** Every leaf of the document, as `section.key`: the unit of "where does this value come from". */
export const POLICY_LEAVES = [
  'scope.include',
  'scope.exclude',
  'schedule.cron',
  'schedule.timeZone',
  'schedule.fullEveryRuns',
  'schedule.fullEveryDays',
  'retention.keepLast',
  'retention.daily',
  'retention.weekly',
  'retention.monthly',
  'retention.yearly',
  'retention.minAgeDays',
  'tiering.coldAfterDays',
  'pitr.enabled',
  'pitr.windowHours',
  'verification.dataWindowDays',
  'onDemand.maxPerDay',
] as const;
export type TPolicyLeaf = (typeof POLICY_LEAVES)[number];

type TRange = readonly [number, number];
const ZRange = (label: string) =>
  z.tuple([z.number().int().min(0), z.number().int().min(0)]).refine(([lo, hi]) => lo <= hi, { error: `${label}: the lower bound is above the upper bound` });

/** A template's limits: a tenant override outside them is refused at save and ignored at read. */
export const ZPolicyBounds = z.strictObject({
  /** The schedule may not run more often than this (shortest gap between runs). */
  minIntervalMinutes: z.number().int().min(1),
  /** …and must run at least this often (longest gap between runs). */
  maxIntervalHours: z.number().int().min(1),
  fullEveryRuns: ZRange('fullEveryRuns'),
  retention: z.strictObject({
    keepLast: ZRange('keepLast'),
    daily: ZRange('daily'),
    weekly: ZRange('weekly'),
    monthly: ZRange('monthly'),
    yearly: ZRange('yearly'),
    minAgeDays: ZRange('minAgeDays'),
  }),
  coldAfterDays: ZRange('coldAfterDays'),
  pitrAllowed: z.boolean(),
  pitrMaxWindowHours: z.number().int().min(0),
  dataWindowDays: ZRange('dataWindowDays'),
  maxOnDemandPerDay: z.number().int().min(0),
});
export type TPolicyBounds = z.infer<typeof ZPolicyBounds>;
export type { TRange };

/** Reads a leaf of a document or an overrides object. */
export function readLeaf(doc: unknown, leaf: TPolicyLeaf): unknown {
  const [section, key] = leaf.split('.') as [string, string];
  const part = (doc as Record<string, Record<string, unknown> | undefined> | null)?.[section];
  return part?.[key];
}
