// `tsx --conditions=react-server scripts/seed-history.ts [--rounds N] [--tenant slug ...]`: gives tenants a snapshot
// history (full, then changes + incremental, N snapshots in all) where they have fewer.
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import type { TBackupKind } from '../lib/backups/run-backup';
import { db } from '../lib/db';
import { env } from '../lib/env';
import { enqueueJob } from '../lib/jobs/enqueue-job';
import { createEngineContext } from '../lib/vault/engine-context';
import { seedSnapshotHistory } from '../prisma/seed/seed-snapshot-history';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rounds: { type: 'string', default: '4' }, tenant: { type: 'string', multiple: true }, 'via-worker': { type: 'boolean', default: false } },
  });
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20) throw new Error(`--rounds must be an integer in [1, 20], got ${values.rounds}`);
  const started = Date.now();
  const ctx = await createEngineContext();
  const mongo = await new MongoClient(env().MONGODB_URI, { appName: 'vaultline-seed-history' }).connect();
  try {
    const results = await seedSnapshotHistory({
      ctx,
      mongo,
      rounds,
      slugs: values.tenant,
      log: (l) => console.log(`[history] ${new Date().toISOString()} ${l}`),
      backup: values['via-worker'] ? backupViaWorker : undefined,
    });
    const made = results.filter((r) => !r.skipped);
    console.log(
      made.length === 0
        ? `[history] every tenant already has ${rounds} snapshots`
        : `[history] ${made.length} tenants got a snapshot history (${made.reduce((n, r) => n + r.changes, 0)} document changes between snapshots) in ${Math.round((Date.now() - started) / 1000)} s`,
    );
  } finally {
    await mongo.close();
    await ctx.close();
  }
}

/** Enqueues a BACKUP job for the running worker (npm run worker) and waits for its outcome. */
async function backupViaWorker(tenantId: string, kind: TBackupKind) {
  const job = await db.$transaction((tx) => enqueueJob(tx, { tenantId, type: 'BACKUP', payload: { kind, trigger: 'seed' } }));
  const until = Date.now() + 30 * 60_000;
  for (;;) {
    const row = await db.job.findUniqueOrThrow({ where: { id: job.id }, select: { status: true, error: true } });
    if (row.status === 'SUCCEEDED') break;
    if (row.status === 'FAILED' || row.status === 'CANCELLED') throw new Error(`backup job ${job.id} ${row.status.toLowerCase()}: ${row.error ?? ''}`);
    if (Date.now() > until) throw new Error(`backup job ${job.id} still ${row.status} after 30 min: is the worker running?`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const s = await db.snapshot.findFirstOrThrow({ where: { jobId: job.id }, select: { seq: true, kind: true, documents: true } });
  return { seq: s.seq, kind: s.kind.toLowerCase(), documents: Number(s.documents) };
}

main()
  .then(() => db.$disconnect())
  .catch(async (e: unknown) => {
    console.error(`seed-history failed: ${e instanceof Error ? e.message : String(e)}`);
    await db.$disconnect();
    process.exit(1);
  });
