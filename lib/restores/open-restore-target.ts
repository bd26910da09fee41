import 'server-only';
import { createDriverRestoreTarget, type RestoreTarget } from '@/lib/engine';
import { env } from '@/lib/env';

/** The write port of the restore engine on this deployment's MongoDB; the caller closes it. */
export function openRestoreTarget(): RestoreTarget {
  return createDriverRestoreTarget({
    uri: env().MONGODB_URI,
    clientOptions: { appName: 'vaultline-restore', serverSelectionTimeoutMS: 5_000 },
  });
}
