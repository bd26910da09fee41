import type { Prisma } from '@/lib/db';

/** The restore id a DRY_RUN job planned for: its payload's `restoreId` (portal), else its own id (CLI). */
export function restoreIdOfDryRun(job: { id: string; payload: Prisma.JsonValue }): string {
  const p = job.payload as { restoreId?: unknown } | null;
  return typeof p?.restoreId === 'string' ? p.restoreId : job.id;
}
