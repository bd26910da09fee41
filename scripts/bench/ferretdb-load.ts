// Loads the benchmark's documents into a scratch database on FerretDB: generated in chunks (the
// demo generators), inserted with a few insertMany calls in flight so generation overlaps the
// server's work. Returns what was loaded and how long it took.
import { BSON, type Db } from 'mongodb';
import { countsFor, demoDocs, genContext } from './demo-source';

const CHUNK = 1000;
const IN_FLIGHT = 4;

/**
 * Loads `total` documents; also returns the indexes of every `1/sampleFraction`-th document of
 * each collection (spread evenly): the documents the churn step will change, regenerated from
 * their index, so picking them costs FerretDB no extra scan.
 */
export async function loadScratch(db: Db, total: number, sampleFraction: number, log: (line: string) => void) {
  const ctx = genContext(total);
  const t0 = performance.now();
  let bytes = 0;
  let loaded = 0;
  const pending: Promise<unknown>[] = [];
  const sample: Record<string, number[]> = {};
  for (const [name, count] of Object.entries(countsFor(total))) {
    const stride = Math.max(1, Math.round(1 / sampleFraction));
    sample[name] = [];
    for (let from = 0; from < count; from += CHUNK) {
      const docs = demoDocs(ctx, name, from, Math.min(count, from + CHUNK));
      docs.forEach((_, k) => (from + k) % stride === 0 && sample[name]!.push(from + k));
      for (const d of docs) bytes += BSON.calculateObjectSize(d);
      pending.push(db.collection(name).insertMany(docs, { ordered: false }));
      if (pending.length >= IN_FLIGHT) await pending.shift();
      loaded += docs.length;
      if (loaded % 20_000 < CHUNK) log(`loaded ${loaded}/${total} (${Math.round((performance.now() - t0) / 1000)} s)`);
    }
  }
  await Promise.all(pending);
  const seconds = (performance.now() - t0) / 1000;
  return { documents: total, rawBytes: bytes, seconds, docsPerSecond: Math.round(total / seconds), counts: countsFor(total), sample, ctx };
}

/** The driver alone: every document of every collection as raw BSON, the way capture reads them. */
export async function rawScan(db: Db, collections: string[]) {
  const t0 = performance.now();
  let documents = 0;
  let bytes = 0;
  for (const name of collections) {
    for await (const raw of db.collection(name).find({}, { raw: true, batchSize: 1000 }) as AsyncIterable<Uint8Array>) {
      documents++;
      bytes += raw.byteLength;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  return { documents, bytes, seconds, docsPerSecond: Math.round(documents / seconds) };
}
