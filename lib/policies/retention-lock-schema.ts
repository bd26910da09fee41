import { z } from 'zod';
import { ZComplianceDays } from '@/lib/engine/maintenance/retention-rule';

// Inputs of the compliance-lock and legal-hold operations (client-safe: the admin forms use them).

const ZReason = (what: string) =>
  z
    .string({ error: `Give a reason for the ${what}.` })
    .trim()
    .min(5, { error: `Give a reason for the ${what} (at least 5 characters).` })
    .max(500, { error: 'At most 500 characters.' });

export const ZSetRetentionLock = z.object({
  tenantId: z.string().trim().min(1).max(64),
  days: z.coerce.number({ error: 'Days must be a number.' }).pipe(ZComplianceDays),
  reason: ZReason('lock change'),
});
export type TSetRetentionLock = z.input<typeof ZSetRetentionLock>;

export const ZDecideRetentionLockChange = z.object({
  changeId: z.string().trim().min(1).max(64),
  decision: z.enum(['APPROVE', 'REJECT']),
  note: z.string().trim().max(500).optional(),
});
export type TDecideRetentionLockChange = z.input<typeof ZDecideRetentionLockChange>;

export const ZLegalHold = z.object({
  snapshotId: z.string().trim().min(1).max(64),
  reason: ZReason('legal hold'),
});
export type TLegalHold = z.input<typeof ZLegalHold>;
