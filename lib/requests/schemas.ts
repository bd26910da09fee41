import { z } from 'zod';
import { AppError } from '@/lib/errors';

export const ZRequestReason = z.string().trim().min(10, 'Give a reason of at least 10 characters.').max(2000, 'Keep the reason under 2,000 characters.');
export const ZDecisionReason = z.string().trim().min(3, 'Give a reason of at least 3 characters.').max(2000, 'Keep the reason under 2,000 characters.');
export const ZRequestId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not a restore request id.');

/** zod at the DAL boundary: a clear INVALID_INPUT instead of a ZodError. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError('INVALID_INPUT', r.error.issues[0]?.message ?? 'Invalid input.');
  return r.data;
}
