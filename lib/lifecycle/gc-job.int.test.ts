import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { runJobHere } from '@/lib/jobs/start-job-here';
import { createEngineContext, type TEngineContext } from '@/lib/vault/engine-context';
import { rng } from '../engine/testing/test-kit';
import { applyTenantRetention } from './apply-tenant-retention';
import { runGcJob, type TGcJobResult } from './run-gc-job';
import { createScratchTenant, type TScratchTenant } from './testing/scratch-tenant';
import { runGcChild } from './testing/run-gc-child';

// The GC job on the local S3 server with the real catalog: retention expires snapshots, GC (two
// runs: a deletion needs two runs past the grace, 0 here) frees their objects; every kept and held
// snapshot still read-data-verifies and reads back exactly what it held; another tenant's objects
// are untouched; a missing referenced object fails the job with nothing deleted; a GC job
// SIGKILLed at random store calls and rerun never loses a kept object.
// A killed child's job must go stale quickly for the rerun (read lazily by env(); children inherit it).
process.env.WORKER_STALE_SECONDS ??= '3';
const seed = Number.parseInt(process.env.GC_JOB_SEED ?? String(Date.now() % 1_000_000), 10);
let ctx: TEngineContext;
let t: TScratchTenant;
let other: TScratchTenant;
const digests = new Map<string, string>();
const ids: string[] = [];
let round = 0;

async function backupN(n: number) {
  for (let i = 0; i < n; i++) {
    await t.mutate(++round);
    const id = await t.backup(ids.length === 0 ? 'full' : 'auto');
    ids.push(id);
    digests.set(id, await t.digest(id));
  }
}

const gc = async () => {
  const end = await runJobHere({ tenantId: t.tenantId, type: 'GC', payload: { trigger: 'test' }, origin: 'test' }, (run) =>
    runGcJob({ ctx, tenantId: t.tenantId, run, graceMs: 0 }),
  );
  const result = end.outcome?.result as TGcJobResult | undefined;
  if (result && 'skipped' in result) throw new Error(`GC unexpectedly skipped: ${result.skipped}`);
  return { ...end, result };
};

/** Waits until no GC job of the tenant has a fresh heartbeat (a killed child's job goes stale). */
async function waitForStaleGcJobs() {
  const staleMs = Number(process.env.WORKER_STALE_SECONDS ?? '20') * 1_000;
  for (;;) {
    const fresh = await db.job.count({ where: { tenantId: t.tenantId, type: 'GC', status: 'RUNNING', heartbeatAt: { gt: new Date(Date.now() - staleMs) } } });
    if (fresh === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Every snapshot the catalog keeps (live or held) read-data-verifies and reads back its content. */
async function expectKeptIntact() {
  const rows = await db.snapshot.findMany({ where: { tenantId: t.tenantId, OR: [{ expiredAt: null }, { holdReason: { not: null } }] }, select: { id: true } });
  expect(rows.length).toBeGreaterThan(0);
  for (const { id } of rows) {
    expect(await t.readDataOk(id), `snapshot ${id}`).toEqual({ ok: true, problems: [] });
    expect(await t.digest(id)).toBe(digests.get(id));
  }
  return rows.length;
}

async function keepLast(n: number) {
  await db.backupPolicy.update({
    where: { tenantId: t.tenantId },
    data: { overrides: { retention: { keepLast: n, daily: 0, weekly: 0, monthly: 0, yearly: 0, minAgeDays: 0 } } },
  });
  return applyTenantRetention({ tenantId: t.tenantId });
}

beforeAll(async () => {
  ctx = await createEngineContext();
  ctx.options = { targetPackBytes: 8 * 1024, frameBytes: 2 * 1024, entriesPerSegment: 32 };
  t = await createScratchTenant(ctx, { label: 'gc' });
  other = await createScratchTenant(ctx, { label: 'gcother', documents: 40 });
  await other.backup('full');
}, 120_000);

afterAll(async () => {
  await t?.cleanup();
  await other?.cleanup();
  await ctx?.close();
  await db.$disconnect();
}, 120_000);

describe(`GC job on the local S3 server (seed ${seed})`, () => {
  it('frees the objects of expired snapshots, keeps held and kept ones intact, never touches another tenant', { timeout: 300_000 }, async () => {
    await backupN(6);
    const otherBefore = await other.objectKeys();
    await db.snapshot.update({ where: { id: ids[1]! }, data: { holdReason: 'case 42', heldAt: new Date() } });
    const pass = await keepLast(2);
    expect(pass.expired.map((e) => e.id).sort()).toEqual([ids[0], ids[2], ids[3]].sort());
    const before = await t.objectKeys();

    const first = await gc();
    expect(first.status).toBe('SUCCEEDED');
    expect(first.result!.deleted.objects).toBe(0); // a first sighting only records candidates
    expect(first.result!.candidates.objects).toBeGreaterThan(0);
    const second = await gc();
    expect(second.status).toBe('SUCCEEDED');
    expect(second.result!.deleted.objects).toBeGreaterThan(0);
    expect(second.result!.bytesFreed).toBeGreaterThan(0);
    expect(second.result!.purgedSnapshots.sort()).toEqual([ids[0], ids[2], ids[3]].sort());
    expect(second.message).toMatch(/GC freed \d+ bytes/);
    const after = await t.objectKeys();
    expect(after.length).toBeLessThan(before.length);
    expect(await expectKeptIntact()).toBe(3);
    expect(await other.objectKeys()).toEqual(otherBefore);
    expect(await other.readDataOk((await db.snapshot.findFirstOrThrow({ where: { tenantId: other.tenantId } })).id)).toEqual({ ok: true, problems: [] });
    const audits = await db.auditEvent.findMany({ where: { tenantId: t.tenantId, action: 'gc.completed' }, orderBy: { id: 'asc' } });
    expect(audits).toHaveLength(2);
    expect((audits[1]!.metadata as { bytesFreed: number }).bytesFreed).toBe(second.result!.bytesFreed);
  });

  it('a missing referenced object fails the job with the engine message and deletes nothing', { timeout: 300_000 }, async () => {
    await backupN(1);
    const beforeNewest = new Set(await t.objectKeys());
    await backupN(1);
    await keepLast(2);
    expect((await gc()).status).toBe('SUCCEEDED'); // records the new candidates
    const before = await t.objectKeys();
    // A pack the newest (kept) snapshot wrote is referenced; other packs may be this run's
    // unreferenced candidates, whose absence GC rightly does not mind. Take a referenced one away.
    const pack = before.find((k) => k.includes('/packs/') && !beforeNewest.has(k))!;
    expect(pack).toBeDefined();
    const saved = await ctx.store.get(pack);
    await ctx.store.delete(pack);
    const failed = await gc();
    expect(failed.status).toBe('FAILED');
    expect(failed.message).toContain('GC aborted, nothing deleted');
    expect(failed.message).toContain(pack);
    expect(await t.objectKeys()).toEqual(before.filter((k) => k !== pack));
    expect(await db.auditEvent.count({ where: { tenantId: t.tenantId, action: 'gc.aborted' } })).toBe(1);
    await ctx.store.put(pack, saved);
    const ok = await gc();
    expect(ok.status).toBe('SUCCEEDED');
    expect(ok.result!.deleted.objects).toBeGreaterThan(0);
    await expectKeptIntact();
  });

  it('a GC job SIGKILLed at random store calls and run again never loses a kept object', { timeout: 600_000 }, async () => {
    const rand = rng(seed);
    const kills: number[] = [];
    for (let r = 0; r < 3; r++) {
      await backupN(2);
      await keepLast(2);
      // Two killed attempts (the first may die before its state is written, the second during the sweep), then a clean run.
      for (let k = 0; k < 2; k++) {
        const killAt = 1 + Math.floor(rand() * 40);
        kills.push(killAt);
        const child = await runGcChild({ env: { GC_TENANT_ID: t.tenantId, GC_KILL_AT: String(killAt) } });
        if (child.checkpoint) expect(child.signal).toBe('SIGKILL');
        else expect(child.result?.status, child.stderr).toBe('SUCCEEDED');
        await expectKeptIntact();
        await waitForStaleGcJobs();
      }
      const done = await gc();
      expect(done.status, done.message).toBe('SUCCEEDED');
      await expectKeptIntact();
    }
    // The killed attempts left RUNNING rows (stale heartbeats): none of them reads SUCCEEDED.
    const jobs = await db.job.findMany({ where: { tenantId: t.tenantId, type: 'GC' }, select: { status: true } });
    expect(jobs.filter((j) => j.status === 'RUNNING').length).toBeGreaterThan(0);
    // Finally everything unreferenced is gone: one more run finds nothing to delete.
    await gc(); // the clean run above saw the newest garbage first: this one deletes it
    const last = await gc();
    expect(last.result!.candidates.objects).toBe(0);
    expect(kills.length).toBe(6);
  });
});
