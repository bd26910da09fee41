// Child process of run-backup.int.test.ts: one runBackup of one tenant into a filesystem store,
// optionally stopped at a write checkpoint (see checkpoint-store.ts) so the test can SIGKILL it.
// Env: DATABASE_URL, MONGODB_URI, VAULTLINE_MASTER_KEY, CRASH_TENANT_ID, CRASH_STORE_DIR,
// CRASH_AT (optional). Prints `CHECKPOINT <name>` when parked, `RESULT <json>` when done.
import { MongoClient } from 'mongodb';
import { db } from '@/lib/db';
import { createFsObjectStore, createLocalKeyProvider, createMongoEndpoint, loadMasterKey } from '@/lib/engine';
import type { TEngineContext } from '@/lib/vault/engine-context';
import { runBackup } from '../run-backup';
import { halt, withCheckpoints, type TCrashPoint } from './checkpoint-store';

/** Small packs, frames and segments: a few hundred documents make many objects to crash between. */
const CRASH_TEST_OPTIONS = { targetPackBytes: 8 * 1024, frameBytes: 2 * 1024, entriesPerSegment: 32 };

async function main() {
  const crashAt = (process.env.CRASH_AT || undefined) as TCrashPoint | undefined;
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const fs = createFsObjectStore(process.env.CRASH_STORE_DIR!);
  const store = withCheckpoints(fs, crashAt, say);
  const keys = createLocalKeyProvider({ masterKey: await loadMasterKey(process.env), keyStore: fs });
  const client = await new MongoClient(process.env.MONGODB_URI!, { serverSelectionTimeoutMS: 5_000 }).connect();
  const ctx: TEngineContext = {
    store,
    keys,
    endpoint: createMongoEndpoint({ client }),
    mongo: client,
    storeKind: 'fs',
    options: CRASH_TEST_OPTIONS,
    close: () => client.close(),
  };
  try {
    const { jobId, manifest } = await runBackup({
      ctx,
      tenantId: process.env.CRASH_TENANT_ID!,
      checkpoint: async (name) => {
        if (crashAt === name) await halt(name, say);
      },
    });
    say(`RESULT ${JSON.stringify({ jobId, snapshotId: manifest.snapshotId, kind: manifest.kind, puts: store.puts() })}`);
  } finally {
    await ctx.close();
    await db.$disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
