// The operator CLI's restores and undos are the tenant's one writer, like a worker's: while a
// worker holds a RESTORE of the tenant (claimed through claimJob, heartbeating in runAsJob) the
// CLI waits (saying why) or, with --no-wait, exits 4 having written nothing; another tenant's
// CLI restore is not held back. A worker's restore whose worker died blocks another package
// (exit 5, naming it) and is resumed from the CLI with --resume as the same job.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, type Document } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runBackup } from '@/lib/backups/run-backup';
import { db, type Prisma } from '@/lib/db';
import { orderDoc, rng } from '@/lib/engine/testing/test-kit';
import { claimJob } from '@/lib/jobs/claim-job';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { runAsJob } from '@/lib/jobs/run-as-job';
import { createEngineContext, type TEngineContext } from '@/lib/vault/engine-context';
import { spawnVault, waitUntil, type TVaultProcess } from './testing/spawn-vault';

const hex = randomBytes(4).toString('hex');
const rand = rng(Number(`0x${hex}`) % 1_000_000);
type TScratch = { slug: string; db: string; id: string; orders: Document[]; spec: (include: string[]) => Promise<string> };
const scratch: Record<'a' | 'b', TScratch> = {} as Record<'a' | 'b', TScratch>;
let client: MongoClient;
let ctx: TEngineContext;
let dir: string;
const procs: TVaultProcess[] = [];
const held: Array<{ release: () => void; done: Promise<unknown> }> = [];
const CLI_ENV = { WORKER_HEARTBEAT_SECONDS: '0.3' };
const ordersOf = (t: TScratch) => client.db(t.db).collection('orders');

async function makeTenant(name: 'a' | 'b') {
  const slug = `it-r1w-${name}-${hex}`;
  const dbName = `it_r1w_${name}_${hex}`;
  const orders = Array.from({ length: 20 }, (_, i) => orderDoc(rand, i));
  await client
    .db(dbName)
    .collection('orders')
    .insertMany(orders.map((d) => ({ ...d })));
  await client
    .db(dbName)
    .collection('customers')
    .insertOne({ _id: 'c-1', name: 'Ada' } as Document);
  const id = (await db.tenant.create({ data: { slug, name: `IT ${slug}`, tenancyModel: 'DATABASE', database: dbName, region: 'test', costCenter: 'T' } })).id;
  const snapshotId = (await runBackup({ ctx, tenantId: id, kind: 'full' })).manifest.snapshotId;
  await client
    .db(dbName)
    .collection('orders')
    .deleteMany({ _id: { $in: orders.slice(0, 5).map((d) => d._id) } });
  const spec = async (include: string[]) => {
    const file = path.join(dir, `${name}-${include.join('_')}.json`);
    const body = {
      version: 1,
      tenant: slug,
      source: { snapshotId },
      selection: { namespaces: { include } },
      target: { mode: 'in-place' },
      conflictPolicy: 'overwrite',
    };
    await writeFile(file, JSON.stringify(body));
    return file;
  };
  scratch[name] = { slug, db: dbName, id, orders, spec };
}

/** A RESTORE of the tenant claimed the way a worker claims it; it heartbeats until released (or, `dead`, never again). */
async function workerRestore(t: TScratch, opts: { dead?: boolean; payload?: Prisma.InputJsonValue; result?: unknown } = {}) {
  const { id } = await db.$transaction((tx) => enqueueJob(tx, { tenantId: t.id, type: 'RESTORE', payload: opts.payload ?? { spec: 'held by a test worker' } }));
  const job = await claimJob({ jobId: id, attempts: 0, staleSeconds: 30, workerId: `it-worker-${hex}`, tenantIds: [t.id] });
  if (!job) throw new Error('the test worker could not claim its restore');
  if (opts.dead) {
    await db.job.update({ where: { id }, data: { heartbeatAt: new Date(Date.now() - 120_000) } });
    return { id, done: Promise.resolve() };
  }
  let release: () => void = () => undefined;
  const released = new Promise<void>((r) => (release = r));
  const done = runAsJob({ job, heartbeatMs: 200 }, async () => (await released, { ok: true, message: 'released by the test', result: opts.result }));
  held.push({ release, done });
  return { id, release, done };
}

beforeAll(async () => {
  client = await new MongoClient(process.env.MONGODB_URI!).connect();
  ctx = await createEngineContext();
  dir = await mkdtemp(path.join(os.tmpdir(), 'vaultline-r1w-'));
  await makeTenant('a');
  await makeTenant('b');
});

afterEach(async () => {
  for (const h of held.splice(0)) {
    h.release();
    await h.done;
  }
  for (const p of procs.splice(0)) {
    if (p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill('SIGKILL');
    await p.exited;
  }
});

afterAll(async () => {
  for (const t of Object.values(scratch)) {
    await client?.db(t.db).dropDatabase();
    await db.restoreJournalEntry.deleteMany({ where: { tenantId: t.id } });
    await db.snapshot.deleteMany({ where: { tenantId: t.id } });
    await db.job.deleteMany({ where: { tenantId: t.id } });
    await db.tenant.delete({ where: { id: t.id } });
    const key = ctx.keys.opaqueTenantKey(t.id);
    for (const prefix of [`tenants/${key}/`, `keys/${key}/`]) for await (const o of ctx.store.list(prefix)) await ctx.store.delete(o.key);
  }
  await client?.close();
  await ctx?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  await db.$disconnect();
});

const vault = (...args: string[]) => {
  const p = spawnVault(args, CLI_ENV);
  procs.push(p);
  return p;
};
const restoreJobs = (t: TScratch) => db.job.findMany({ where: { tenantId: t.id, type: 'RESTORE' }, orderBy: { createdAt: 'asc' } });

describe('CLI restores and undos are the tenant’s one writer', () => {
  it('a worker-held RESTORE: a CLI restore waits for it (another tenant is not held back), --no-wait refuses restore and undo', async () => {
    const { a, b } = scratch;
    const worker = await workerRestore(a);
    const waiting = vault('restore', '--spec', await a.spec(['orders']), '--execute');
    await waitUntil('the CLI to say it waits', () => {
      if (waiting.proc.exitCode !== null) throw new Error(`the CLI restore ran beside the worker's: ${waiting.stderr()}`);
      return waiting.stderr().includes(`waiting: RESTORE job ${worker.id} of this tenant is running`);
    });
    const other = await vault('restore', '--spec', await b.spec(['orders']), '--execute').exited;
    expect(other.code, other.stderr).toBe(0);
    expect(await ordersOf(b).countDocuments()).toBe(20);
    expect(waiting.proc.exitCode).toBeNull();
    expect((await restoreJobs(a)).map((j) => j.id)).toEqual([worker.id]);
    expect(await ordersOf(a).countDocuments()).toBe(15);
    worker.release!();
    await worker.done;
    const end = await waiting.exited;
    expect(end.code, end.stderr).toBe(0);
    const [first, second] = await restoreJobs(a);
    expect(second!.id).toBe(end.json.jobId);
    expect(second!.startedAt!.getTime()).toBeGreaterThanOrEqual(first!.finishedAt!.getTime());
    expect(await ordersOf(a).countDocuments()).toBe(20);

    const again = await workerRestore(a);
    const refused = await vault('restore', '--spec', await a.spec(['orders']), '--execute', '--no-wait').exited;
    expect(refused.code, refused.stderr).toBe(4);
    expect(refused.stderr).toMatch(new RegExp(`busy: RESTORE job ${again.id} of this tenant is running .*not waiting \\(--no-wait\\)`));
    expect((await restoreJobs(a)).map((j) => j.id)).toEqual([worker.id, end.json.jobId, again.id]);
    const undo = await vault('undo', '--tenant', a.slug, '--restore', end.json.jobId, '--no-wait').exited;
    expect(undo.code, undo.stderr).toBe(4);
    expect(undo.stderr).toMatch(new RegExp(`RESTORE job ${again.id} of this tenant is running`));
    expect(await db.job.count({ where: { tenantId: a.id, type: 'UNDO' } })).toBe(0);
  }, 180_000);

  it('a worker restore whose worker died before writing: --resume continues it as the same job; another package supersedes it', async () => {
    const { a } = scratch;
    await ordersOf(a).deleteMany({ _id: { $in: a.orders.slice(0, 5).map((d) => d._id) } });
    await client.db(a.db).collection('customers').deleteMany({});
    const customersSpec = await a.spec(['customers']);
    const payload = { spec: JSON.parse(await readFile(customersSpec, 'utf8')) as Prisma.InputJsonValue };
    const dead = await workerRestore(a, { dead: true, payload });
    const resumed = await vault('restore', '--tenant', a.slug, '--resume', dead.id).exited;
    expect(resumed.code, resumed.stderr).toBe(0);
    expect([resumed.json.jobId, resumed.json.restoreId, resumed.json.resumed, resumed.json.outcome]).toEqual([dead.id, dead.id, true, 'verified']);
    expect(await db.job.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
    expect(await client.db(a.db).collection('customers').countDocuments()).toBe(1);

    // Died before its journal started (nothing written): another package ends it and runs.
    await client.db(a.db).collection('customers').deleteMany({});
    const dead2 = await workerRestore(a, { dead: true, payload });
    const other = await vault('restore', '--spec', await a.spec(['orders']), '--execute').exited;
    expect(other.code, other.stderr).toBe(0);
    expect(await ordersOf(a).countDocuments()).toBe(20);
    const ended = await db.job.findUniqueOrThrow({ where: { id: dead2.id } });
    expect(ended.status).toBe('FAILED');
    expect(ended.error).toMatch(new RegExp(`interrupted before writing anything \\(owner it-worker-${hex}, .*superseded by a new restore`));
    expect(await client.db(a.db).collection('customers').countDocuments()).toBe(0);
  }, 180_000);

  it('the same package running in a worker: the CLI waits for it and, when the worker finishes it, reports that restore (no new one)', async () => {
    const { b } = scratch;
    const file = await b.spec(['customers']);
    const spec = JSON.parse(await readFile(file, 'utf8')) as Prisma.InputJsonValue;
    const worker = await workerRestore(b, { payload: { spec }, result: { outcome: 'verified', restoreId: 'finished-by-the-worker' } });
    const cli = vault('restore', '--spec', file, '--execute');
    await waitUntil('the CLI to wait for the same package', () => {
      if (cli.proc.exitCode !== null) throw new Error(`the CLI did not wait: ${cli.stderr()}`);
      return cli.stderr().includes(`restore ${worker.id} (job ${worker.id}) of this package is running (owner it-worker-${hex}`);
    });
    worker.release!();
    await worker.done;
    const end = await cli.exited;
    expect(end.code, end.stderr).toBe(0);
    expect(end.stderr).toContain(`job ${worker.id} was finished by another process meanwhile: SUCCEEDED`);
    expect([end.json.jobId, end.json.restoreId, end.json.resumed]).toEqual([worker.id, 'finished-by-the-worker', true]);
    const held = await db.job.findUniqueOrThrow({ where: { id: worker.id } });
    expect(await db.job.count({ where: { tenantId: b.id, type: 'RESTORE', createdAt: { gt: held.createdAt } } })).toBe(0);
  }, 180_000);
});
