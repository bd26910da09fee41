import 'server-only';
import { createDriverRestoreTarget, type RestoreTarget } from '@/lib/engine';
import type { TEngineContext } from '@/lib/vault/engine-context';

/** The write port of the restore engine, on the context's one MongoClient (close() leaves it open). */
export function openRestoreTarget(ctx: TEngineContext): RestoreTarget {
  return createDriverRestoreTarget({ client: ctx.mongo });
}
