// Child process of bench-backup.ts: one full snapshot of N generated documents (raw BSON made on
// the fly, see generated-endpoint.ts) into a temp filesystem store, in a fresh process, so its
// peak RSS (process.resourceUsage().maxRSS) belongs to this snapshot alone. Prints one JSON line.
//   node --import tsx scripts/bench/rss-child.ts <documents> [frameBytes]
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createFsObjectStore, createLocalKeyProvider, runSnapshot } from '../../lib/engine';
import { countsFor, demoDocs, genContext } from './demo-source';
import { createGeneratedEndpoint } from './generated-endpoint';

const POOL = 2048;
const mb = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(1));

async function main() {
  const docs = Number(process.argv[2] ?? '100000');
  const ctx = genContext(POOL * 4);
  const collections = Object.fromEntries(Object.entries(countsFor(docs)).map(([name, count]) => [name, { count, pool: demoDocs(ctx, name, 0, POOL) }]));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vaultline-rss-'));
  try {
    const store = createFsObjectStore(dir);
    const keys = createLocalKeyProvider({ masterKey: Buffer.alloc(32, 7), keyStore: store });
    global.gc?.();
    const baselineRss = process.memoryUsage().rss;
    const t0 = performance.now();
    const { stats } = await runSnapshot({
      tenant: { tenantId: 'bench-rss', tenancy: { model: 'DATABASE', database: 'bench' } },
      endpoint: createGeneratedEndpoint('bench', collections),
      store,
      keys,
      options: process.argv[3] ? { frameBytes: Number(process.argv[3]) } : undefined,
    });
    const seconds = (performance.now() - t0) / 1000;
    const peakRss = process.resourceUsage().maxRSS * 1024;
    console.log(
      JSON.stringify({
        documents: stats.documents,
        seconds: Number(seconds.toFixed(1)),
        docsPerSecond: Math.round(stats.documents / seconds),
        logicalMB: mb(stats.bytes),
        storedMB: mb(stats.storedBytes),
        baselineRssMB: mb(baselineRss),
        peakRssMB: mb(peakRss),
        bytesPerDocumentAboveBaseline: Math.round((peakRss - baselineRss) / stats.documents),
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
