'use server';
import { recordRefusal } from '@/lib/audit/record-denied';
import type { TActor } from '@/lib/auth/actor';
import { requireActorOrThrow } from '@/lib/auth/guards';
import { isAppError } from '@/lib/errors';
import { queueRestoreDryRun, type TQueueDryRunResult } from '@/lib/restores/queue-restore-dry-run';

export type TQueueDryRunActionResult = TQueueDryRunResult | { ok: false; error: string; code?: string };

/** Thin adapter: authenticate → the DAL authorizes (restores.request, tenant-scoped) and validates. */
export async function queueDryRunAction(slug: string, input: unknown): Promise<TQueueDryRunActionResult> {
  let actor: TActor | null = null;
  try {
    actor = await requireActorOrThrow();
    if (typeof slug !== 'string' || slug.length > 100) return { ok: false, error: 'Invalid tenant.' };
    return await queueRestoreDryRun({ actor, slug, input });
  } catch (e) {
    await recordRefusal(e, actor, null);
    if (isAppError(e)) return { ok: false, error: e.message, code: e.code };
    console.error(e);
    return { ok: false, error: 'The dry-run could not be queued. Try again.' };
  }
}
