// The capture process under a writer, SIGKILLed again and again (a new process takes the lease
// over each time): afterwards the tenant's segments hold exactly the tenant's oplog entries — none
// missing, none twice — its coverage is one span with no gap; a PITR-off tenant written to all
// along is never captured; and of two capture processes one captures, the other stands by and
// takes over when the holder dies.
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { createRepository, idKeyOf, listOplogSegments, readOplogSegment } from '@/lib/engine';
import { bigIntToTs } from '@/lib/engine/capture/oplog';
import { fromLong } from '@/lib/engine/pitr/pitr-entry';
import { createEngineContext, type TEngineContext } from '@/lib/vault/engine-context';
import { spawnWorker } from '@/lib/worker/testing/spawn-worker';
import { loadTenantPitrCoverage } from './load-tenant-pitr-coverage';
import { clusterThrough, createPitrScratch, resetCapture, spawnCapture, waitFor, type TCaptureProcess } from './testing/pitr-fixtures';

const KILLS = 10;
// Each capture run is one pass over the whole oplog on FerretDB: a gentle writer keeps it short.
const ROUND_MS = 250;
const scratch = createPitrScratch('crash');
let mongo: MongoClient;
let ctx: TEngineContext;
let on = { id: '', database: '' };
let off = { id: '', database: '' };
let env: Record<string, string> = {};
const procs: TCaptureProcess[] = [];

/** A steady writer: inserts, and updates of earlier documents, in both tenants' databases. */
function startWriter() {
  let stopped = false;
  let n = 0;
  const done = (async () => {
    while (!stopped) {
      n++;
      for (const t of [on, off]) {
        const c = mongo.db(t.database).collection<{ _id: string; n: number }>('orders');
        await c.insertOne({ _id: `o${n}`, n });
        if (n > 3) await c.updateOne({ _id: `o${n - 3}` }, { $set: { n: -n } });
      }
      await new Promise((r) => setTimeout(r, ROUND_MS));
    }
  })();
  return { stop: async () => ((stopped = true), await done), count: () => n };
}

async function oplogEntriesOf(database: string, after: bigint, through: bigint) {
  const out: string[] = [];
  const cur = mongo
    .db('local')
    .collection('oplog.rs')
    .find({ ts: { $gt: bigIntToTs(after), $lte: bigIntToTs(through) }, ns: `${database}.orders` });
  for await (const e of cur) out.push(`${fromLong(e.ts)}/${String(e.op)}`);
  return out.sort();
}

const kill = async (p: TCaptureProcess) => {
  p.proc.kill('SIGKILL');
  await p.exited;
};

beforeAll(async () => {
  mongo = await new MongoClient(process.env.MONGODB_URI!).connect();
  ctx = await createEngineContext();
  await resetCapture();
  on = await scratch.add('gold');
  off = await scratch.add('gold', { pitr: { enabled: false } });
  // The save delay widens the moment between a run's segment writes and its position write, so
  // half of the kills can be aimed inside it (the case exactly-once is about).
  env = {
    PITR_CAPTURE_TENANTS: scratch.ids.join(','),
    PITR_CAPTURE_INTERVAL_SECONDS: '0.5',
    PITR_CAPTURE_LEASE_SECONDS: '4',
    PITR_CAPTURE_TEST_SAVE_DELAY_MS: '800',
  };
});

afterAll(async () => {
  for (const p of procs) if (p.proc.exitCode === null && p.proc.signalCode === null) await kill(p);
  await resetCapture();
  await scratch.cleanup(mongo);
  await ctx?.close();
  await mongo?.close();
});

describe('capture under SIGKILL', () => {
  it(`is killed ${KILLS} times under a writer: segments hold every entry exactly once, coverage has no gap`, async () => {
    const writer = startWriter();
    const repo = await createRepository({ tenantId: on.id, store: ctx.store, keys: ctx.keys });
    const watermark = async () => (await listOplogSegments(repo)).reduce((m, s) => (s.toTs > m ? s.toTs : m), -1n);
    let insideWindow = 0;
    for (let k = 0; k < KILLS; k++) {
      const p = spawnCapture(env);
      procs.push(p);
      if (k % 2 === 0) {
        // segments of a run are durable, its position is not: the kill the rerun must not duplicate
        await waitFor(
          `a run between its segments and its position (kill ${k})`,
          async () => {
            const t = await clusterThrough();
            return t !== null && (await watermark()) > t;
          },
          60_000,
          () => JSON.stringify(p.logs().slice(-5)),
        );
        await kill(p);
        if ((await watermark()) > (await clusterThrough())!) insideWindow++;
        continue;
      }
      // progress by this process (the position moved), then a kill at a varying moment of its next pass
      const seen = (await clusterThrough()) ?? -1n;
      await waitFor(
        `capture progress after kill ${k}`,
        async () => {
          const t = await clusterThrough();
          return t !== null && t > seen ? t : undefined;
        },
        60_000,
        () => JSON.stringify(p.logs().slice(-5)),
      );
      await new Promise((r) => setTimeout(r, (k * 137) % 600));
      await kill(p);
    }
    await writer.stop();
    expect(insideWindow).toBe(KILLS / 2);
    const lastWrite = await mongo
      .db('local')
      .collection('oplog.rs')
      .find({ ns: `${on.database}.orders` })
      .sort({ $natural: -1 })
      .limit(1)
      .next();
    const final = spawnCapture(env);
    procs.push(final);
    const through = await waitFor(
      'capture past the last write',
      async () => {
        const t = await clusterThrough();
        return t !== null && t >= fromLong(lastWrite!.ts) ? t : undefined;
      },
      90_000,
    );
    final.proc.kill('SIGTERM');
    expect((await final.exited).code).toBe(0);

    const row = await db.pitrTenantCapture.findUniqueOrThrow({ where: { tenantId: on.id } });
    expect(row.throughTs).toBe(through);
    const entries = [];
    for (const s of await listOplogSegments(repo)) entries.push(...(await readOplogSegment(repo, s)));
    const got = entries.map((e) => `${e.ts}/${e.op}`);
    expect(new Set(got).size).toBe(got.length); // no entry twice
    expect(got.sort()).toEqual(await oplogEntriesOf(on.database, row.sinceTs, through)); // none missing
    expect(entries.length).toBeGreaterThan(writer.count());

    const state = await loadTenantPitrCoverage(on.id);
    expect(state.coverage.gaps).toEqual([]);
    expect(state.coverage.spans).toEqual([{ from: row.sinceTs, to: through }]);
    expect(await db.pitrGap.count({ where: { tenantIds: { has: on.id } } })).toBe(0);
  }, 600_000);

  it('a PITR-off tenant written to all along is never captured', async () => {
    expect(await db.pitrTenantCapture.count({ where: { tenantId: off.id } })).toBe(0);
    const repo = await createRepository({ tenantId: off.id, store: ctx.store, keys: ctx.keys });
    expect(await listOplogSegments(repo)).toEqual([]);
    expect((await mongo.db(off.database).collection('orders').countDocuments()) > 0).toBe(true);
    expect((await loadTenantPitrCoverage(off.id)).isPitrEnabled).toBe(false);
  });

  it('two capture processes (npm run capture and a worker): one captures, the other stands by and takes over when the holder is killed', async () => {
    const a = spawnCapture(env);
    // a worker runs the same capture loop (on when PITR_CAPTURE_ENABLED; it serves only this tenant's jobs)
    const w = spawnWorker({ ...env, PITR_CAPTURE_ENABLED: 'true', WORKER_TENANTS: on.id });
    const b: TCaptureProcess = {
      ...w,
      roles: () =>
        w
          .logs()
          .filter((l) => l.msg === 'capture role')
          .map((l) => String(l.role)),
    };
    procs.push(a, b);
    await waitFor(
      'both processes decided',
      async () => a.roles().length > 0 && b.roles().length > 0,
      60_000,
      () => JSON.stringify([...a.logs(), ...b.logs()].slice(-6)),
    );
    const roles = [a.roles()[0], b.roles()[0]].sort();
    expect(roles).toEqual(['holder', 'standby']);
    const [holder, standby] = a.roles()[0] === 'holder' ? [a, b] : [b, a];
    await mongo.db(on.database).collection<{ _id: string }>('orders').insertOne({ _id: 'lease-1' });
    const before = await clusterThrough();
    await waitFor('the holder captures', async () => ((await clusterThrough())! > before! ? true : undefined), 90_000);
    expect(standby.roles()).toEqual(['standby']);
    await kill(holder);
    await waitFor('the standby takes the lease over', async () => standby.roles().includes('holder'), 60_000);
    await mongo.db(on.database).collection<{ _id: string }>('orders').insertOne({ _id: 'lease-2' });
    const lastWrite = await mongo
      .db('local')
      .collection('oplog.rs')
      .find({ ns: `${on.database}.orders` })
      .sort({ $natural: -1 })
      .limit(1)
      .next();
    await waitFor('the new holder captures', async () => ((await clusterThrough())! >= fromLong(lastWrite!.ts) ? true : undefined), 90_000);
    standby.proc.kill('SIGTERM');
    await standby.exited;
    const repo = await createRepository({ tenantId: on.id, store: ctx.store, keys: ctx.keys });
    const entries = [];
    for (const s of await listOplogSegments(repo)) entries.push(...(await readOplogSegment(repo, s)));
    const keys = entries.map((e) => `${e.ts}/${e.op}`);
    expect(new Set(keys).size).toBe(keys.length);
    const ids = entries.map((e) => e.idKey);
    for (const id of ['lease-1', 'lease-2']) expect(ids.filter((k) => k === idKeyOf(id))).toHaveLength(1);
  }, 400_000);
});
