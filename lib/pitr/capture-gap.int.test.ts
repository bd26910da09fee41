// A real oplog rollover on FerretDB (capture paused while more entries than the capped oplog
// holds are written): the next capture run records the gap for every captured tenant, queues one
// full backup each (a second gap does not queue another while it waits), audits it, and no point
// inside the gap can be planned while points before it still can. The coverage read refuses a
// reader of another tenant.
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '@/lib/auth/actor';
import { runBackup } from '@/lib/backups/run-backup';
import { db } from '@/lib/db';
import { planPoint } from '@/lib/engine';
import { fromLong } from '@/lib/engine/pitr/pitr-entry';
import { DEFAULT_CLUSTER } from '@/lib/schedule/data-plane-cluster';
import { listSnapshotTimeline } from '@/lib/snapshots/list-snapshot-timeline';
import { createEngineContext, type TEngineContext } from '@/lib/vault/engine-context';
import { getTenantPitrCoverage } from './get-tenant-pitr-coverage';
import { loadTenantPitrCoverage } from './load-tenant-pitr-coverage';
import { createCaptureState, runCapturePass } from './run-capture-pass';
import { clusterThrough, createPitrScratch, resetCapture, waitFor } from './testing/pitr-fixtures';

const scratch = createPitrScratch('gap');
const filler = `it_pitr_filler_${Date.now().toString(36)}`;
let mongo: MongoClient;
let ctx: TEngineContext;
let a = { id: '', database: '' };
let b = { id: '', database: '' };
const state = createCaptureState('gap-test-holder');

const pass = () => runCapturePass({ ctx, state, cluster: DEFAULT_CLUSTER, leaseSeconds: 60, settleSeconds: 1, tenantIds: scratch.ids });
const newestTs = async () => fromLong((await mongo.db('local').collection('oplog.rs').find({}).sort({ $natural: -1 }).limit(1).next())!.ts);
/** Runs capture passes until the position reaches the newest oplog entry (the settle second passes meanwhile). */
async function captureUpToNow() {
  const target = await newestTs();
  return waitFor('capture to reach the newest entry', async () => {
    await pass();
    const t = await clusterThrough();
    return t !== null && t >= target ? t : undefined;
  });
}
const oldestTs = async () => fromLong((await mongo.db('local').collection('oplog.rs').find({}).sort({ $natural: 1 }).limit(1).next())!.ts);
/** More entries than the capped oplog holds, in a database no tenant owns; FerretDB trims in a background pass. */
async function rollOplog() {
  const [info] = await mongo.db('local').listCollections({ name: 'oplog.rs' }).toArray();
  const max = Number((info as { options?: { max?: number } }).options?.max ?? 20_000);
  const newestBefore = await newestTs();
  const c = mongo.db(filler).collection('fill');
  for (let done = 0; done < max + 100; done += 1000) await c.insertMany(Array.from({ length: 1000 }, (_, i) => ({ n: done + i })));
  await waitFor('the oplog to be trimmed past what was there before', async () => (await oldestTs()) > newestBefore, 60_000);
}
const write = (t: { database: string }, id: string) => mongo.db(t.database).collection<{ _id: string; v: number }>('orders').insertOne({ _id: id, v: 1 });

beforeAll(async () => {
  mongo = await new MongoClient(process.env.MONGODB_URI!).connect();
  ctx = await createEngineContext();
  await resetCapture();
  a = await scratch.add('gold');
  b = await scratch.add('gold');
});

afterAll(async () => {
  await resetCapture();
  await scratch.cleanup(mongo);
  await mongo?.db(filler).dropDatabase();
  await ctx?.close();
  await mongo?.close();
});

describe('capture gap', () => {
  let before = 0n;
  it('oplog rolled over: gap recorded for every captured tenant, one full backup queued each, audited, points inside refused', async () => {
    expect(await pass()).toMatchObject({ role: 'holder', initialized: true });
    expect(await pass()).toMatchObject({ joined: [a.id, b.id].sort() });
    for (let i = 0; i < 5; i++) await write(a, `a${i}`);
    await write(b, 'b0');
    const base = await runBackup({ ctx, tenantId: a.id, kind: 'full' });
    await write(a, 'a-after-base');
    before = await captureUpToNow();
    const pre = await loadTenantPitrCoverage(a.id);
    expect(planPoint(pre.coverage, pre.bases, before).base.snapshotId).toBe(base.manifest.snapshotId);

    await rollOplog();
    await write(a, 'a-after-gap');
    await captureUpToNow();
    const gaps = await db.pitrGap.findMany({ where: { tenantIds: { has: a.id } } });
    expect(gaps).toHaveLength(1);
    const gap = gaps[0]!;
    expect(gap.tenantIds).toEqual([a.id, b.id].sort());
    expect(gap.afterTs).toBe(before);
    expect(gap.beforeTs > before).toBe(true);
    for (const t of [a, b]) {
      const queued = await db.job.findMany({ where: { tenantId: t.id, type: 'BACKUP', status: 'QUEUED' }, select: { id: true, payload: true } });
      expect(queued).toHaveLength(1);
      expect(queued[0]!.payload).toMatchObject({ kind: 'full', trigger: 'pitr-gap', gapId: gap.id });
      expect(gap.backupJobs).toMatchObject({ [t.id]: { jobId: queued[0]!.id, alreadyQueued: false } });
      const audit = await db.auditEvent.findMany({ where: { action: 'pitr.gap_recorded', tenantId: t.id } });
      expect(audit.map((e) => e.targetId)).toEqual([gap.id]);
    }

    const post = await loadTenantPitrCoverage(a.id);
    const inside = (gap.afterTs + gap.beforeTs) / 2n;
    expect(() => planPoint(post.coverage, post.bases, inside)).toThrow(/inside a capture gap/);
    expect(() => planPoint(post.coverage, post.bases, post.capture!.throughTs)).toThrow(/no base snapshot/); // no base after the gap yet
    expect(planPoint(post.coverage, post.bases, before).base.snapshotId).toBe(base.manifest.snapshotId);
  }, 300_000);

  it('a second rollover while the first backup is still queued records the gap but queues no second backup', async () => {
    await rollOplog();
    await captureUpToNow();
    const gaps = await db.pitrGap.findMany({ where: { tenantIds: { has: a.id } }, orderBy: { afterTs: 'asc' } });
    expect(gaps).toHaveLength(2);
    const queued = await db.job.findMany({ where: { tenantId: a.id, type: 'BACKUP', status: 'QUEUED' }, select: { id: true } });
    expect(queued).toHaveLength(1);
    expect(gaps[1]!.backupJobs).toMatchObject({ [a.id]: { jobId: queued[0]!.id, alreadyQueued: true } });
    expect(await db.auditEvent.count({ where: { action: 'pitr.gap_recorded', tenantId: a.id } })).toBe(2);
  }, 300_000);

  it("getTenantPitrCoverage: a member of the tenant sees its gaps; another tenant's member is refused", async () => {
    const slugs = new Map((await db.tenant.findMany({ where: { id: { in: scratch.ids } }, select: { id: true, slug: true } })).map((t) => [t.id, t.slug]));
    const member = (tenantId: string): TActor => ({
      userId: `u-${tenantId}`,
      email: `${tenantId}@example.test`,
      name: 'Viewer',
      platformRoles: [],
      memberships: [{ tenantId, tenantSlug: slugs.get(tenantId)!, tenantName: tenantId, role: 'TENANT_VIEWER' }],
    });
    const own = await getTenantPitrCoverage({ actor: member(a.id), tenantId: a.id });
    expect(own.status).toBe('capturing');
    expect(own.gaps.filter((g) => g.reason === 'oplog-rolled-over')).toHaveLength(2);
    expect(own.ranges.length).toBeGreaterThan(0);
    await expect(getTenantPitrCoverage({ actor: member(b.id), tenantId: a.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // the timeline's band: the same ranges and gaps, as wall-clock times
    const now = Date.now();
    const query = { from: new Date(now - 3_600_000).toISOString(), to: new Date(now + 60_000).toISOString() };
    const timeline = await listSnapshotTimeline({ actor: member(a.id), slug: slugs.get(a.id)!, query });
    expect(timeline.pitr.status).toBe('capturing');
    expect(timeline.pitr.gaps.filter((g) => g.reason === 'oplog-rolled-over')).toHaveLength(2);
    expect(timeline.pitr.coverage).toEqual(own.ranges.map((r) => ({ from: r.from.at, to: r.to.at })));
    const offTenant = await scratch.add('gold', { pitr: { enabled: false } });
    const offLine = await getTenantPitrCoverage({ actor: member(offTenant.id), tenantId: offTenant.id });
    expect(offLine).toMatchObject({ status: 'off', ranges: [], gaps: [], lagMs: null });
    const fresh = await scratch.add('gold');
    expect(await getTenantPitrCoverage({ actor: member(fresh.id), tenantId: fresh.id })).toMatchObject({
      status: 'waiting',
      ranges: [],
      capturedThrough: null,
    });
  });
});
