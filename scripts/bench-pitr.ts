// Point-in-time capture benchmark (`npm run bench:pitr`), JSON on stdout (progress on stderr):
// a steady writer inserts into a scratch tenant (PITR on) while capture passes run every
// --interval seconds (PITR_CAPTURE_INTERVAL_SECONDS); for every write, lag = segment durable
// (the pass that wrote it finished) − the write acknowledged; capture throughput = entries
// captured ÷ the time the passes were busy. Goal: lag p95 ≤ 10 s.
// Options: --seconds N (30) --rate writes/s (20) --interval s (env). The tenant is on a cluster
// of its own, so a worker's capture of the default cluster is not disturbed (but run it without
// a worker: the scratch tenant has PITR on and a worker would capture it as well).
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { db } from '@/lib/db';
import { createRepository, idKeyOf, listOplogSegments, readOplogSegment, tsToDate } from '@/lib/engine';
import { env } from '@/lib/env';
import { createCaptureState, runCapturePass } from '@/lib/pitr/run-capture-pass';
import { createPitrScratch } from '@/lib/pitr/testing/pitr-fixtures';
import { closeSharedEngineContext, getSharedEngineContext } from '@/lib/vault/shared-engine-context';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const log = (line: string) => process.stderr.write(`[bench:pitr] ${line}\n`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : null;
};

async function main() {
  const seconds = Number(arg('seconds') ?? 30);
  const rate = Number(arg('rate') ?? 20);
  const intervalMs = Number(arg('interval') ?? env().PITR_CAPTURE_INTERVAL_SECONDS) * 1000;
  const ctx = await getSharedEngineContext();
  const mongo = await new MongoClient(env().MONGODB_URI).connect();
  const scratch = createPitrScratch('bench');
  const cluster = `bench-pitr-${randomBytes(3).toString('hex')}`;
  const state = createCaptureState(`bench:${process.pid}`);
  try {
    const t = await scratch.add('gold');
    const clusterOf = (x: { id: string }) => (x.id === t.id ? cluster : 'default');
    const pass = () => runCapturePass({ ctx, state, cluster, leaseSeconds: 60, settleSeconds: env().PITR_CAPTURE_SETTLE_SECONDS, clusterOf });
    await pass(); // position
    await pass(); // the tenant joins
    log(`writer: ${rate} inserts/s for ${seconds} s; capture every ${intervalMs / 1000} s`);

    const acked = new Map<string, number>();
    const coll = mongo.db(t.database).collection<{ _id: string; n: number; pad: string }>('orders');
    const end = Date.now() + seconds * 1000;
    const writer = (async () => {
      for (let n = 0; Date.now() < end; n++) {
        const due = Date.now() + 1000 / rate;
        await coll.insertOne({ _id: `w${n}`, n, pad: 'x'.repeat(200) });
        acked.set(`w${n}`, Date.now());
        await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
      }
    })();
    const passMs: number[] = [];
    let entries = 0;
    let busyMs = 0;
    const durableAt = new Map<string, number>(); // segment key → when the pass that wrote it ended
    const loop = async (until: () => boolean | Promise<boolean>) => {
      while (!(await until())) {
        const t0 = performance.now();
        const r = await pass();
        const ms = performance.now() - t0;
        if (r.role === 'holder' && !r.initialized) {
          passMs.push(ms);
          busyMs += ms;
          entries += r.entriesCaptured;
          for (const s of r.segments) durableAt.set(s.key, Date.now());
        }
        await new Promise((res) => setTimeout(res, Math.max(0, intervalMs - ms)));
      }
    };
    let writing = true;
    await Promise.all([writer.then(() => (writing = false)), loop(() => !writing)]);
    const lastAck = Math.max(...acked.values());
    const throughAt = async () => {
      const row = await db.pitrCapture.findUnique({ where: { cluster }, select: { throughTs: true } });
      return row?.throughTs ? tsToDate(row.throughTs).getTime() : 0;
    };
    await loop(async () => (await throughAt()) >= Math.floor(lastAck / 1000) * 1000);

    const repo = await createRepository({ tenantId: t.id, store: ctx.store, keys: ctx.keys });
    const lags: number[] = [];
    const ackOf = new Map([...acked.entries()].map(([id, at]) => [idKeyOf(id), at]));
    for (const s of await listOplogSegments(repo)) {
      const at = durableAt.get(s.key);
      if (at === undefined) continue;
      for (const e of await readOplogSegment(repo, s)) {
        const ack = ackOf.get(e.idKey);
        if (ack !== undefined && e.op === 'i') lags.push(at - ack);
      }
    }
    const oplog = await mongo.db('local').collection('oplog.rs').estimatedDocumentCount();
    const row = await db.pitrTenantCapture.findUnique({ where: { tenantId: t.id }, select: { lastLagMs: true } });
    process.stdout.write(
      `${JSON.stringify(
        {
          startedAt: new Date(end - seconds * 1000).toISOString(),
          writes: acked.size,
          writeRatePerSec: Math.round((acked.size / seconds) * 10) / 10,
          intervalSeconds: intervalMs / 1000,
          passes: passMs.length,
          passMs: { p50: Math.round(pct(passMs, 50) ?? 0), p95: Math.round(pct(passMs, 95) ?? 0) },
          entriesCaptured: entries,
          captureEntriesPerSec: busyMs > 0 ? Math.round((entries / busyMs) * 1000) : null,
          lagMs: { measured: lags.length, p50: pct(lags, 50), p95: pct(lags, 95), max: pct(lags, 100) },
          goalP95Ms: 10_000,
          lastLagMsInCatalog: row?.lastLagMs ?? null,
          oplogEntries: oplog,
          note: 'lag = segment durable (its pass ended) − write acknowledged, per write; the catalog lag is measured from the oplog second',
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await db.pitrTenantCapture.deleteMany({ where: { cluster } });
    await db.pitrCapture.deleteMany({ where: { cluster } });
    await scratch.cleanup(mongo);
    await mongo.close();
    await closeSharedEngineContext();
    await db.$disconnect();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
