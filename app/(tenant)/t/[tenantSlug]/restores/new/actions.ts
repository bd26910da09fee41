'use server';

import { requireActorOrThrow } from '@/lib/auth/guards';
import { isAppError } from '@/lib/errors';
import { queueRestoreDryRun, type TQueueDryRunResult } from '@/lib/restores/queue-restore-dry-run';

export type TQueueDryRunActionResult = TQueueDryRunResult | { ok: false; error: string };

/** Thin adapter: authenticate → the DAL authorizes (restores.request, tenant-scoped) and validates. */
export async function queueDryRunAction(slug: string, input: unknown): Promise<TQueueDryRunActionResult> {
  try {
    const actor = await requireActorOrThrow();
    if (typeof slug !== 'string' || slug.length > 100) return { ok: false, error: 'Invalid tenant.' };
    return await queueRestoreDryRun({ actor, slug, input });
  } catch (e) {
    if (isAppError(e)) return { ok: false, error: e.message };
    console.error(e);
    return { ok: false, error: 'The dry-run could not be queued. Try again.' };
  }
}
