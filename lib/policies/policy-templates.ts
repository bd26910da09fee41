import type { TPolicyBounds, TPolicyDocument } from './policy-document';

// The platform's built-in templates, seeded into `policy_templates` (prisma/seed). A platform admin
// can change a template's rows; these are the starting values and what tests resolve against.

export type TPolicyTemplateSeed = { name: string; label: string; description: string; defaults: TPolicyDocument; bounds: TPolicyBounds };

const scope = { include: [], exclude: [] };

export const BUILT_IN_TEMPLATES: readonly TPolicyTemplateSeed[] = [
  {
    name: 'gold',
    label: 'Gold',
    description: 'Every 4 hours, a year of history, point-in-time recovery, weekly read-data verification.',
    defaults: {
      scope,
      schedule: { cron: '0 */4 * * *', timeZone: 'UTC', fullEveryRuns: 42, fullEveryDays: 7 },
      retention: { keepLast: 12, daily: 30, weekly: 12, monthly: 12, yearly: 3, minAgeDays: 1 },
      tiering: { coldAfterDays: 90 },
      pitr: { enabled: true, windowHours: 72 },
      verification: { dataWindowDays: 7 },
      onDemand: { maxPerDay: 8 },
    },
    bounds: {
      minIntervalMinutes: 15,
      maxIntervalHours: 24,
      fullEveryRuns: [1, 90],
      retention: { keepLast: [1, 1000], daily: [7, 3660], weekly: [4, 520], monthly: [12, 1200], yearly: [1, 100], minAgeDays: [0, 3650] },
      coldAfterDays: [30, 3650],
      pitrAllowed: true,
      pitrMaxWindowHours: 24 * 35,
      dataWindowDays: [1, 14],
      maxOnDemandPerDay: 24,
    },
  },
  {
    name: 'silver',
    label: 'Silver',
    description: 'Daily at 02:00 UTC, three months of history, monthly read-data verification.',
    defaults: {
      scope,
      schedule: { cron: '0 2 * * *', timeZone: 'UTC', fullEveryRuns: 7, fullEveryDays: 0 },
      retention: { keepLast: 7, daily: 14, weekly: 8, monthly: 3, yearly: 0, minAgeDays: 0 },
      tiering: { coldAfterDays: 30 },
      pitr: { enabled: false, windowHours: 24 },
      verification: { dataWindowDays: 30 },
      onDemand: { maxPerDay: 4 },
    },
    bounds: {
      minIntervalMinutes: 60,
      maxIntervalHours: 48,
      fullEveryRuns: [1, 30],
      retention: { keepLast: [1, 100], daily: [0, 90], weekly: [0, 52], monthly: [0, 24], yearly: [0, 5], minAgeDays: [0, 365] },
      coldAfterDays: [7, 365],
      pitrAllowed: true,
      pitrMaxWindowHours: 72,
      dataWindowDays: [7, 60],
      maxOnDemandPerDay: 8,
    },
  },
  {
    name: 'bronze',
    label: 'Bronze',
    description: 'Daily, two weeks of history, no point-in-time recovery.',
    defaults: {
      scope,
      schedule: { cron: '30 3 * * *', timeZone: 'UTC', fullEveryRuns: 7, fullEveryDays: 0 },
      retention: { keepLast: 3, daily: 14, weekly: 0, monthly: 0, yearly: 0, minAgeDays: 0 },
      tiering: { coldAfterDays: 0 },
      pitr: { enabled: false, windowHours: 1 },
      verification: { dataWindowDays: 60 },
      onDemand: { maxPerDay: 2 },
    },
    bounds: {
      minIntervalMinutes: 360,
      maxIntervalHours: 168,
      fullEveryRuns: [1, 14],
      retention: { keepLast: [1, 30], daily: [0, 31], weekly: [0, 8], monthly: [0, 3], yearly: [0, 0], minAgeDays: [0, 90] },
      coldAfterDays: [0, 365],
      pitrAllowed: false,
      pitrMaxWindowHours: 0,
      dataWindowDays: [30, 90],
      maxOnDemandPerDay: 4,
    },
  },
];

/** The template a tenant without one resolves against. */
export const DEFAULT_TEMPLATE_NAME = 'silver';
