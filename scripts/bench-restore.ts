// Restore benchmark (`npm run bench:restore`, JSON on stdout, progress on stderr), one run:
//   1. restore throughput vs raw insertMany into FerretDB (same documents, same batch size);
//   2. dry-run diff time vs a raw scan of the same documents from FerretDB;
//   3. restoring one document from a 1,000,000-document snapshot: store bytes read, wall time.
//   npx tsx scripts/bench-restore.ts [--docs 50000] [--batch 500] [--snapshot-docs 1000000] [--only throughput|one]
// Needs MONGODB_URI (scripts/env.sh). Scratch databases it_bench_* are dropped afterwards; the
// snapshot repository is a temporary folder. Every write lands in FerretDB's oplog too (~2 × docs
// entries a run); scripts/services/ferretdb.sh caps it at 20k entries, trimmed every 2 s.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { createFsObjectStore, createLocalKeyProvider } from '../lib/engine';
import { measureOneDocument } from './bench-restore/measure-one-document';
import { measureThroughput } from './bench-restore/measure-throughput';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const log = (m: string) => process.stderr.write(`[bench-restore] ${m}\n`);

async function main() {
  const only = arg('only', 'all');
  const hex = randomBytes(4).toString('hex');
  const dbs = { throughput: `it_bench_restore_${hex}`, raw: `it_bench_raw_${hex}`, one: `it_bench_one_${hex}` };
  const client = await new MongoClient(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:57017/?directConnection=true').connect();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vaultline-bench-restore-'));
  const store = createFsObjectStore(dir);
  const results: Record<string, unknown> = {
    machine: { cpus: os.cpus().length, node: process.version, mongo: 'FerretDB (MONGODB_URI)', store: 'filesystem (temp folder)' },
  };
  const started = performance.now();
  try {
    if (only === 'all' || only === 'throughput') {
      const keys = createLocalKeyProvider({ masterKey: Buffer.alloc(32, 42), keyStore: store });
      results.throughput = await measureThroughput({
        client,
        store,
        keys,
        documents: Number(arg('docs', '50000')),
        batchSize: Number(arg('batch', '500')),
        database: dbs.throughput,
        rawDatabase: dbs.raw,
        log,
      });
    }
    if (only === 'all' || only === 'one') {
      results.oneDocument = await measureOneDocument({ client, store, count: Number(arg('snapshot-docs', '1000000')), database: dbs.one, log });
    }
    results.totalSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
    console.log(JSON.stringify(results, null, 2));
  } finally {
    for (const db of Object.values(dbs))
      await client
        .db(db)
        .dropDatabase()
        .catch(() => undefined);
    await client.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
