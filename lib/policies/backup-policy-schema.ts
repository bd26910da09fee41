import { z } from 'zod';

/** Platform limits a tenant admin edits within. */
export const POLICY_LIMITS = { retentionDays: [1, 3650], fullEvery: [1, 90], maxOnDemandPerDay: [0, 24] } as const;

const int = (label: string, [min, max]: readonly [number, number]) =>
  z.coerce
    .number({ message: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label}: at least ${min}.`)
    .max(max, `${label}: at most ${max}.`);

// Five cron fields (UTC): digits, *, ranges, steps and lists only.
const CRON_FIELD = /^(\*|\d{1,2}(-\d{1,2})?)(\/\d{1,2})?(,(\*|\d{1,2}(-\d{1,2})?)(\/\d{1,2})?)*$/;

export const ZBackupPolicyUpdate = z.object({
  schedule: z
    .string()
    .trim()
    .refine((v) => {
      const f = v.split(/\s+/);
      return f.length === 5 && f.every((x) => CRON_FIELD.test(x));
    }, 'Enter a cron expression with five fields, e.g. 0 2 * * *.'),
  retentionDays: int('Retention', POLICY_LIMITS.retentionDays),
  fullEvery: int('Full snapshot interval', POLICY_LIMITS.fullEvery),
  maxOnDemandPerDay: int('On-demand backups per day', POLICY_LIMITS.maxOnDemandPerDay),
  pitrEnabled: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()),
});
export type TBackupPolicyUpdate = z.input<typeof ZBackupPolicyUpdate>;
