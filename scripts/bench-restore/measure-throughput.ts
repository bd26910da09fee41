// Restore throughput against raw insertMany, and dry-run time against a raw scan, on FerretDB.
// The same N generated order documents go (a) through insertMany in batches of B into an empty
// collection of a fresh scratch database and (b) into a snapshot (memory endpoint → filesystem
// store) that is then restored in place into an empty collection of another fresh scratch
// database with executeRestore batches of B. The dry-run of the
// restored collection (every document unchanged) is then timed against a raw scan of it.
import { MongoClient, type Document } from 'mongodb';
import {
  createDriverRestoreTarget,
  createMemoryRestoreJournal,
  createRepository,
  dryRunRestore,
  executeRestore,
  runSnapshot,
  verifyRestore,
  type KeyProvider,
  type ObjectStore,
} from '../../lib/engine';
import { createMemoryMongoEndpoint } from '../../lib/engine/testing/memory-mongo-endpoint';
import { orderDoc, rng } from '../../lib/engine/testing/test-kit';
import { planBenchRestore } from './plan-bench-restore';

const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
};
const perSec = (n: number, ms: number) => Math.round(n / (ms / 1000));
const s = (ms: number) => Number((ms / 1000).toFixed(2));

export async function measureThroughput(args: {
  client: MongoClient;
  store: ObjectStore;
  keys: KeyProvider;
  documents: number;
  batchSize: number;
  /** scratch databases: `database` for the restore, `rawDatabase` for insertMany */
  database: string;
  rawDatabase: string;
  log: (m: string) => void;
}) {
  const { client, documents: n, batchSize, database } = args;
  const rand = rng(7);
  const docs: Document[] = Array.from({ length: n }, (_, i) => orderDoc(rand, i));

  args.log(`raw insertMany of ${n} documents in batches of ${batchSize}`);
  const raw = client.db(args.rawDatabase).collection('orders');
  const [, rawMs] = await time(async () => {
    for (let i = 0; i < n; i += batchSize) await raw.insertMany(docs.slice(i, i + batchSize).map((d) => ({ ...d })));
  });

  const mem = createMemoryMongoEndpoint();
  for (const d of docs) mem.insert(database, 'orders', d);
  const tenant = { tenantId: 'bench-throughput', tenancy: { model: 'DATABASE' as const, database } };
  const { manifest } = await runSnapshot({ tenant, endpoint: mem.endpoint, store: args.store, keys: args.keys });
  const repo = await createRepository({ tenantId: tenant.tenantId, store: args.store, keys: args.keys });
  const target = createDriverRestoreTarget({ client });
  try {
    args.log(`restore of the same ${n} documents (plan, dry-run, execute, verify)`);
    const [plan, planMs] = await time(() => planBenchRestore({ repo, manifest, database, collection: 'orders', restoreId: 'bench-throughput' }));
    const [dry, dryMs] = await time(() => dryRunRestore(plan, { repo, target }));
    let phase = '';
    const [result, execMs] = await time(() =>
      executeRestore(
        plan,
        { repo, target, journal: createMemoryRestoreJournal() },
        {
          expectedPreState: dry.preState.fingerprint,
          batchSize,
          onProgress: (p) => void (p.phase !== phase && args.log(`  execute: ${(phase = p.phase)}`)),
        },
      ),
    );
    const [verify, verifyMs] = await time(() => verifyRestore(plan, { repo, target }));
    if (result.counts.inserted !== n || !verify.ok) throw new Error(`restore did not insert and verify all ${n} documents: ${JSON.stringify(result.counts)}`);

    args.log('dry-run of the restored collection (all unchanged) vs a raw scan of it, best of 2 each');
    const scans: number[] = [];
    const dryRuns: number[] = [];
    for (let round = 0; round < 2; round++) {
      const [scanned, scanMs] = await time(async () => {
        let k = 0;
        for await (const _ of client.db(database).collection('orders').find({}, { raw: true })) k++;
        return k;
      });
      if (scanned !== n) throw new Error(`scan saw ${scanned} documents`);
      scans.push(scanMs);
      const [again, againMs] = await time(() => dryRunRestore(plan, { repo, target }));
      if (again.counts.unchanged !== n) throw new Error(`dry-run after restore: ${JSON.stringify(again.counts)}`);
      dryRuns.push(againMs);
    }
    const scanMs = Math.min(...scans);
    const diffMs = Math.min(...dryRuns);
    const endToEndMs = planMs + dryMs + execMs + verifyMs;
    return {
      documents: n,
      batchSize,
      avgDocumentBytes: Math.round(plan.totals.bytes / n),
      rawInsertMany: { seconds: s(rawMs), docsPerSecond: perSec(n, rawMs) },
      restore: {
        planSeconds: s(planMs),
        dryRunSeconds: s(dryMs),
        executeSeconds: s(execMs),
        verifySeconds: s(verifyMs),
        executeDocsPerSecond: perSec(n, execMs),
        endToEndDocsPerSecond: perSec(n, endToEndMs),
      },
      ratioExecuteToRaw: Number((rawMs / execMs).toFixed(2)),
      ratioEndToEndToRaw: Number((rawMs / endToEndMs).toFixed(2)),
      dryRunVsScan: { scanSeconds: s(scanMs), dryRunSeconds: s(diffMs), ratio: Number((diffMs / scanMs).toFixed(2)) },
    };
  } finally {
    await target.close();
  }
}
