// Compression at several frame sizes on exactly the documents the FerretDB part loads (same
// generator context, same order, money as doubles), served from memory so no FerretDB time or
// oplog is spent: full snapshots, packs and all objects, per frame size.
import { randomBytes } from 'node:crypto';
import { createLocalKeyProvider, createMemoryObjectStore, runSnapshot } from '../../lib/engine';
import { createMemoryMongoEndpoint } from '../../lib/engine/testing/memory-mongo-endpoint';
import { countsFor, demoDocs, genContext } from './demo-source';

export async function compareFrames(total: number, frameSizes: number[], log: (line: string) => void) {
  log(`generating ${total} documents in memory for the frame-size comparison`);
  const mongo = createMemoryMongoEndpoint();
  const ctx = genContext(total);
  for (const [name, count] of Object.entries(countsFor(total))) {
    for (let from = 0; from < count; from += 1000) for (const d of demoDocs(ctx, name, from, Math.min(count, from + 1000))) mongo.insert('bench', name, d);
  }
  const rows = [];
  for (const frameBytes of frameSizes) {
    log(`full snapshot from memory, frameBytes ${frameBytes}`);
    const store = createMemoryObjectStore();
    const t0 = performance.now();
    const { stats } = await runSnapshot({
      tenant: { tenantId: 'bench', tenancy: { model: 'DATABASE', database: 'bench' } },
      endpoint: mongo.endpoint,
      store,
      keys: createLocalKeyProvider({ masterKey: randomBytes(32), keyStore: store }),
      options: { frameBytes },
    });
    rows.push({
      frameBytes,
      seconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
      compressionPacks: Number((stats.bytes / stats.packBytesWritten).toFixed(2)),
      compressionAllObjects: Number((stats.bytes / stats.storedBytes).toFixed(2)),
      packMB: Number((stats.packBytesWritten / 2 ** 20).toFixed(1)),
      indexMB: Number((stats.segmentBytesWritten / 2 ** 20).toFixed(1)),
    });
  }
  return { source: 'the same documents generated in memory (memory endpoint)', documents: total, rows };
}
