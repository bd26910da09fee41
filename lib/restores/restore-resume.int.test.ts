// A SIGKILLed `vault restore --execute`, run again, continues the same restore: one job, one
// restore id, one journal, documents equal to the package; undo then gives back the exact
// pre-restore bytes. Real CLI processes against the real services, on a scratch tenant.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, type Document } from 'mongodb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runBackup } from '@/lib/backups/run-backup';
import { db } from '@/lib/db';
import { orderDoc, rng } from '@/lib/engine/testing/test-kit';
import type { TJobCondition } from '@/lib/jobs/job-conditions';
import { createEngineContext, type TEngineContext } from '@/lib/vault/engine-context';
import { spawnWorker, type TWorkerProcess } from '@/lib/worker/testing/spawn-worker';
import { finished, waitForJob } from '@/lib/worker/testing/wait-for-job';
import { spawnVault, waitUntil, type TVaultProcess } from './testing/spawn-vault';

const hex = randomBytes(4).toString('hex');
const SLUG = `it-rres-${hex}`;
const DB = `it_rres_${hex}`;
const rand = rng(Number(`0x${hex}`) % 1_000_000);
const ORDERS: Document[] = Array.from({ length: 600 }, (_, i) => orderDoc(rand, i));
// Short heartbeats: a killed CLI's job is stale (process gone) after 3 × 0.3 s.
const CLI_ENV = { WORKER_HEARTBEAT_SECONDS: '0.3' };

let client: MongoClient;
let ctx: TEngineContext;
let tenantId: string;
let dir: string;
let snapshotId: string;
let damaged: Document[];
const procs: TVaultProcess[] = [];
const workers: TWorkerProcess[] = [];
const orders = () => client.db(DB).collection('orders');
/** The collection's exact bytes, in _id order. */
const rawOrders = async () => Buffer.concat((await orders().find({}, { raw: true }).sort({ _id: 1 }).toArray()) as unknown as Buffer[]).toString('hex');

beforeAll(async () => {
  client = await new MongoClient(process.env.MONGODB_URI!).connect();
  await orders().insertMany(ORDERS.map((d) => ({ ...d })));
  tenantId = (await db.tenant.create({ data: { slug: SLUG, name: `IT ${SLUG}`, tenancyModel: 'DATABASE', database: DB, region: 'test', costCenter: 'T' } })).id;
  ctx = await createEngineContext();
  snapshotId = (await runBackup({ ctx, tenantId, kind: 'full' })).manifest.snapshotId;
  dir = await mkdtemp(path.join(os.tmpdir(), 'vaultline-rres-'));
  // The damage to repair: 500 orders deleted, 60 changed.
  await orders().deleteMany({ _id: { $in: ORDERS.slice(0, 500).map((d) => d._id) } });
  for (const d of ORDERS.slice(500, 560)) await orders().updateOne({ _id: d._id }, { $set: { status: 'lost', total: -1 } });
  damaged = await orders().find().sort({ _id: 1 }).toArray();
});

/** Each test starts from the damaged collection (the same documents, so the same bytes). */
beforeEach(async () => {
  await orders().deleteMany({});
  await orders().insertMany(damaged.map((d) => ({ ...d })));
});

async function specFile(name: string, overrides: Record<string, unknown> = {}) {
  const file = path.join(dir, `${name}.json`);
  const body = {
    version: 1,
    tenant: SLUG,
    source: { snapshotId },
    selection: { namespaces: { include: ['orders'] } },
    target: { mode: 'in-place' },
    conflictPolicy: 'overwrite',
  };
  await writeFile(file, JSON.stringify({ ...body, ...overrides }));
  return file;
}

/** Starts `vault restore --execute` and SIGKILLs it once its journal has batches (data in MongoDB) but is not completed. */
async function killMidWrite(spec: string) {
  const since = new Date();
  const first = vault('restore', '--spec', spec, '--execute', '--batch-size', '10');
  const job = await waitUntil(
    'journal batches of the first run',
    async () => {
      if (first.proc.exitCode !== null) throw new Error(`the first run ended before it was killed: ${first.stderr()}`);
      const row = await db.job.findFirst({ where: { tenantId, type: 'RESTORE', createdAt: { gte: since } } });
      return row && (await db.restoreJournalEntry.count({ where: { tenantId, restoreId: row.id, type: 'batch' } })) >= 3 ? row : null;
    },
    120_000,
  );
  first.proc.kill('SIGKILL');
  expect((await first.exited).signal).toBe('SIGKILL');
  expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe('RUNNING');
  expect(await db.restoreJournalEntry.count({ where: { tenantId, restoreId: job.id, type: 'completed' } })).toBe(0);
  expect(await orders().countDocuments()).toBeLessThan(ORDERS.length);
  return job;
}

/** One journal for the restore: started once, contiguous seqs, completed last. */
async function expectOneJournal(restoreId: string) {
  const journal = await db.restoreJournalEntry.findMany({ where: { tenantId, restoreId }, orderBy: { seq: 'asc' } });
  expect(journal.map((j) => j.seq)).toEqual(journal.map((_, i) => i));
  expect(journal.filter((j) => j.type === 'started')).toHaveLength(1);
  expect(journal.at(-1)?.type).toBe('completed');
}

const sortedOrders = () => [...ORDERS].sort((a, b) => String(a._id).localeCompare(String(b._id)));

afterEach(async () => {
  for (const w of workers.splice(0)) {
    if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.kill('SIGKILL');
    await w.exited;
  }
  for (const p of procs.splice(0)) {
    if (p.proc.exitCode === null && p.proc.signalCode === null) p.proc.kill('SIGKILL');
    await p.exited;
  }
});

afterAll(async () => {
  await client?.db(DB).dropDatabase();
  await client?.close();
  if (tenantId) {
    await db.restoreJournalEntry.deleteMany({ where: { tenantId } });
    await db.snapshot.deleteMany({ where: { tenantId } });
    await db.job.deleteMany({ where: { tenantId } });
    await db.tenant.delete({ where: { id: tenantId } });
    const key = ctx.keys.opaqueTenantKey(tenantId);
    for (const prefix of [`tenants/${key}/`, `keys/${key}/`]) for await (const o of ctx.store.list(prefix)) await ctx.store.delete(o.key);
  }
  await ctx?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  await db.$disconnect();
});

const vault = (...args: string[]) => {
  const p = spawnVault(args, CLI_ENV);
  procs.push(p);
  return p;
};

describe('an interrupted CLI restore resumes as the same operation', () => {
  it('SIGKILL mid-write, run again: one restore id, one journal, the package restored; undo gives back the exact pre-restore bytes', async () => {
    const before = await rawOrders();
    const spec = await specFile('spec');
    const killed = await killMidWrite(spec);
    const restoresBefore = await db.job.count({ where: { tenantId, type: 'RESTORE' } });
    // Another package while it is half-done: refused, naming it and the ways out; nothing written.
    const other = await vault('restore', '--spec', await specFile('skip', { conflictPolicy: 'skip' }), '--execute').exited;
    expect(other.code, other.stderr).toBe(5);
    expect(other.stderr).toContain(`restore ${killed.id} (job ${killed.id}) of tenant ${SLUG} is half-done: its process stopped`);
    expect(other.stderr).toContain(`--resume ${killed.id}`);
    expect(await db.job.count({ where: { tenantId, type: 'RESTORE' } })).toBe(restoresBefore);

    const again = await vault('restore', '--spec', spec, '--execute', '--batch-size', '10').exited;
    expect(again.code, again.stderr).toBe(0);
    expect([again.json.jobId, again.json.restoreId, again.json.resumed, again.json.outcome]).toEqual([killed.id, killed.id, true, 'verified']);
    expect(again.stderr).toMatch(new RegExp(`resumed restore job ${killed.id} \\(taken over\\)`));
    // One job, one journal: no other restore id was made, the killed job finished at attempt 2.
    expect(await db.job.count({ where: { tenantId, type: 'RESTORE' } })).toBe(restoresBefore);
    const job = await db.job.findUniqueOrThrow({ where: { id: killed.id } });
    expect([job.status, job.attempts]).toEqual(['SUCCEEDED', 2]);
    // No second dry-run against the half-restored target: the first run's is kept.
    const types = (job.conditions as { type: string }[]).map((c) => c.type);
    expect(types).toContain('Resumed');
    expect(types.filter((t) => t === 'DryRun')).toHaveLength(1);
    const journal = await db.restoreJournalEntry.findMany({ where: { tenantId, createdAt: { gte: killed.createdAt } } });
    expect(new Set(journal.map((j) => j.restoreId))).toEqual(new Set([killed.id]));
    await expectOneJournal(killed.id);
    expect(await orders().find().sort({ _id: 1 }).toArray()).toEqual(sortedOrders());

    const undo = await vault('undo', '--tenant', SLUG, '--restore', killed.id).exited;
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.json.preStateMatches).toBe(true);
    expect(await rawOrders()).toBe(before);
  }, 240_000);

  it('a half-done restore that ended FAILED blocks another package (exit 5) and is reopened by the same command', async () => {
    const before = await rawOrders();
    const spec = await specFile('spec');
    const killed = await killMidWrite(spec);
    // What the relay does after WORKER_MAX_ATTEMPTS lost workers.
    await db.job.update({
      where: { id: killed.id },
      data: { status: 'FAILED', finishedAt: new Date(), error: 'the worker running this job stopped responding' },
    });

    const other = await vault('restore', '--spec', await specFile('skip', { conflictPolicy: 'skip' }), '--execute').exited;
    expect(other.code, other.stderr).toBe(5);
    expect(other.stderr).toContain(`restore ${killed.id} (job ${killed.id}) of tenant ${SLUG} is half-done: it ended FAILED`);
    expect(other.stderr).toContain(`undo --tenant ${SLUG} --restore ${killed.id}`);

    const again = await vault('restore', '--spec', spec, '--execute').exited;
    expect(again.code, again.stderr).toBe(0);
    expect([again.json.jobId, again.json.restoreId, again.json.outcome]).toEqual([killed.id, killed.id, 'verified']);
    expect(again.stderr).toContain(`resumed restore job ${killed.id} (reopened)`);
    expect(await db.job.findUniqueOrThrow({ where: { id: killed.id } })).toMatchObject({ status: 'SUCCEEDED', attempts: 2, error: null });
    await expectOneJournal(killed.id);
    expect(await orders().find().sort({ _id: 1 }).toArray()).toEqual(sortedOrders());
    const undo = await vault('undo', '--tenant', SLUG, '--restore', killed.id).exited;
    expect([undo.code, undo.json?.preStateMatches]).toEqual([0, true]);
    expect(await rawOrders()).toBe(before);
  }, 240_000);

  it('undo of a killed restore (not resumed) ends it FAILED and gives back the exact pre-restore bytes', async () => {
    const before = await rawOrders();
    const killed = await killMidWrite(await specFile('spec'));
    const undo = await vault('undo', '--tenant', SLUG, '--restore', killed.id).exited;
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.json.preStateMatches).toBe(true);
    expect(await rawOrders()).toBe(before);
    const job = await db.job.findUniqueOrThrow({ where: { id: killed.id } });
    expect(job.status).toBe('FAILED');
    expect(job.error).toMatch(/stopped half-way .*undone from the operator CLI/);
    // Undone: nothing to resume any more, and another package may run.
    const resume = await vault('restore', '--tenant', SLUG, '--resume', killed.id).exited;
    expect(resume.code, resume.stderr).toBe(3);
    expect(resume.stderr).toMatch(/not half-done: nothing to resume/);
  }, 240_000);

  it('vice versa: a worker takes the killed CLI restore over as the same job; one journal; undo gives back the exact bytes', async () => {
    const before = await rawOrders();
    const killed = await killMidWrite(await specFile('spec'));
    const worker = spawnWorker({ WORKER_TENANTS: tenantId, WORKER_HEARTBEAT_SECONDS: '0.3', WORKER_STALE_SECONDS: '2' });
    workers.push(worker);
    await worker.ready;
    const job = await waitForJob(killed.id, finished, 180_000);
    expect([job.status, job.attempts], job.error ?? '').toEqual(['SUCCEEDED', 2]);
    const owners = (job.conditions as TJobCondition[]).filter((c) => c.type === 'Claimed').map((c) => c.message?.split(' by worker ')[1]);
    expect(owners[0]).toMatch(/^local:/);
    expect(owners[1]).not.toMatch(/^local:/);
    await expectOneJournal(killed.id);
    expect(await orders().find().sort({ _id: 1 }).toArray()).toEqual(sortedOrders());
    const undo = await vault('undo', '--tenant', SLUG, '--restore', killed.id).exited;
    expect([undo.code, undo.json?.preStateMatches], undo.stderr).toEqual([0, true]);
    expect(await rawOrders()).toBe(before);
  }, 240_000);
});
