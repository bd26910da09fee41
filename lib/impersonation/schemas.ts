import { z } from 'zod';

/** Hard cap on a session; sessions are never extended (a new one needs a new reason). */
export const IMPERSONATION_MAX_MINUTES = 30;

export const ZStartImpersonation = z.object({
  tenantSlug: z.string().trim().min(1, 'Choose a tenant.').max(100),
  targetUserId: z.string().trim().min(1, 'Choose the tenant user whose view you need.').max(100),
  reason: z.string().trim().min(10, 'Give a reason of at least 10 characters.').max(500, 'Keep the reason under 500 characters.'),
  ticketRef: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9]{1,9}-\d{1,9}$/, 'Enter a ticket reference such as SUP-1234.'),
  minutes: z.coerce
    .number()
    .int('Whole minutes only.')
    .min(5, 'At least 5 minutes.')
    .max(IMPERSONATION_MAX_MINUTES, `At most ${IMPERSONATION_MAX_MINUTES} minutes.`)
    .default(IMPERSONATION_MAX_MINUTES),
});
export type TStartImpersonation = z.input<typeof ZStartImpersonation>;

export const ZRequestElevation = z.object({
  sessionId: z.string().trim().min(1).max(100),
  reason: z.string().trim().min(10, 'Say what you need to change (at least 10 characters).').max(500),
});

export const ZDecideElevation = z.object({
  sessionId: z.string().trim().min(1).max(100),
  decision: z.enum(['APPROVE', 'REJECT']),
  note: z.string().trim().min(3, 'Give a short note (at least 3 characters).').max(500),
});

export const ZSessionId = z.object({ sessionId: z.string().trim().min(1).max(100) });
