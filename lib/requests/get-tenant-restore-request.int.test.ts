// The tenant's view of one restore request against the test catalog: tenant-scoped lookup
// (another tenant's request is NOT_FOUND even under the actor's own slug), restores.read
// (viewers read, non-members do not), the timeline from audit rows, a running job's progress in
// the engine's nested shape. (The route handler: app/api/tenants/[tenantSlug]/restores/[requestId]/route.int.test.ts.)
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/session/get-current-actor';
import { db } from '@/lib/db';
import { approveRestoreRequest } from './approve-restore-request';
import { cancelRestoreRequest } from './cancel-restore-request';
import { getTenantRestoreRequest } from './get-tenant-restore-request';
import { createFixtureRequest } from './testing/create-fixture-request';

const hex = randomBytes(4).toString('hex');
const tenants: { id: string; slug: string; admin: TActor }[] = [];
const userIds: string[] = [];
const ids: string[] = [];
const jobIds: string[] = [];
let viewer: TActor;
let approver: TActor;

beforeAll(async () => {
  for (const s of ['a', 'b']) {
    const t = await db.tenant.create({
      data: {
        slug: `it-rdetail-${s}-${hex}`,
        name: `IT detail ${s}`,
        tenancyModel: 'DATABASE',
        database: `it_rdetail_${s}_${hex}`,
        region: 'eu-west-1',
        costCenter: 'CC-IT',
      },
    });
    const u = await db.user.create({
      data: { email: `admin-${s}-${hex}@it.example`, name: `Admin ${s}`, memberships: { create: { tenantId: t.id, role: 'TENANT_ADMIN' } } },
    });
    userIds.push(u.id);
    tenants.push({ id: t.id, slug: t.slug, admin: (await loadActor(u.id))! });
  }
  const v = await db.user.create({
    data: { email: `viewer-${hex}@it.example`, name: 'Viewer', memberships: { create: { tenantId: tenants[0]!.id, role: 'TENANT_VIEWER' } } },
  });
  const a = await db.user.create({ data: { email: `approver-${hex}@it.example`, name: 'Approver', platformRoles: { create: { role: 'APPROVER' } } } });
  userIds.push(v.id, a.id);
  viewer = (await loadActor(v.id))!;
  approver = (await loadActor(a.id))!;
  for (const t of [0, 0, 1])
    ids.push((await createFixtureRequest({ requesterId: tenants[t]!.admin.userId, tenantId: tenants[t]!.id, database: `db_${t}` })).id);
});

afterAll(async () => {
  await db.approval.deleteMany({ where: { requestId: { in: ids } } });
  const jobs = await db.restoreRequest.findMany({ where: { id: { in: ids } }, select: { jobId: true } });
  await db.restoreRequest.deleteMany({ where: { id: { in: ids } } });
  await db.job.deleteMany({ where: { id: { in: [...jobIds, ...jobs.flatMap((j) => (j.jobId ? [j.jobId] : []))] } } });
  // Audited tenants and users stay (the audit log is append-only and references them); archive the tenants.
  await db.tenant.updateMany({ where: { id: { in: tenants.map((t) => t.id) } }, data: { status: 'ARCHIVED' } });
  await db.$disconnect();
});

const A = () => tenants[0]!;
const B = () => tenants[1]!;

describe('getTenantRestoreRequest', () => {
  it("shows the tenant's own request to its admin and viewer, with the pending timeline", async () => {
    const r = await getTenantRestoreRequest({ actor: A().admin, slug: A().slug, requestId: ids[0]! });
    expect(r).toMatchObject({
      id: ids[0],
      status: 'PENDING_APPROVAL',
      canCancel: true,
      canUndo: false,
      job: null,
      dryRunCounts: { insert: 3, update: 1, delete: 0 },
    });
    expect(r.steps.map((s) => [s.key, s.state])).toEqual([
      ['requested', 'done'],
      ['approved', 'current'],
      ['running', 'pending'],
      ['outcome', 'pending'],
    ]);
    expect(r.events.map((e) => e.action)).toEqual(['restore.request.submit']);
    const v = await getTenantRestoreRequest({ actor: viewer, slug: A().slug, requestId: ids[0]! });
    expect(v).toMatchObject({ id: ids[0], canCancel: false, canUndo: false });
  });

  it("hides another tenant's request: its slug, or the actor's own slug with the other tenant's id", async () => {
    await expect(getTenantRestoreRequest({ actor: B().admin, slug: A().slug, requestId: ids[0]! })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getTenantRestoreRequest({ actor: B().admin, slug: B().slug, requestId: ids[0]! })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getTenantRestoreRequest({ actor: A().admin, slug: A().slug, requestId: ids[2]! })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getTenantRestoreRequest({ actor: approver, slug: A().slug, requestId: ids[0]! })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getTenantRestoreRequest({ actor: A().admin, slug: A().slug, requestId: '../x' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('follows approval → running with live progress, and cancellation', async () => {
    await approveRestoreRequest({ actor: approver, requestId: ids[0]!, reason: 'diff checked' });
    const queued = await getTenantRestoreRequest({ actor: A().admin, slug: A().slug, requestId: ids[0]! });
    expect(queued.status).toBe('QUEUED');
    expect(queued.steps.map((s) => [s.key, s.state])).toEqual([
      ['requested', 'done'],
      ['approved', 'done'],
      ['running', 'current'],
      ['outcome', 'pending'],
    ]);
    expect(queued.steps[1]!.at).not.toBeNull();
    expect(queued.decisions).toEqual([expect.objectContaining({ approverName: 'Approver', decision: 'APPROVE', reason: 'diff checked' })]);
    // The worker's heartbeat as run-restore writes it (the engine's TRestoreProgress).
    await db.job.update({
      where: { id: queued.job!.id },
      data: {
        status: 'RUNNING',
        startedAt: new Date(),
        progress: {
          phase: 'write',
          documents: { done: 2, total: 4 },
          bytes: { done: 200, total: 400 },
          collections: { orders: { done: 2, total: 4 } },
          elapsedMs: 100,
          etaMs: 3000,
        },
      },
    });
    await db.restoreRequest.update({ where: { id: ids[0]! }, data: { status: 'RUNNING' } });
    const running = await getTenantRestoreRequest({ actor: A().admin, slug: A().slug, requestId: ids[0]! });
    expect(running.job).toMatchObject({
      status: 'RUNNING',
      progress: {
        documents: 2,
        totalDocuments: 4,
        bytes: 200,
        totalBytes: 400,
        etaSeconds: 3,
        collections: [{ name: 'orders', documents: 2, totalDocuments: 4 }],
      },
    });
    expect(running.steps.find((s) => s.key === 'running')).toMatchObject({ state: 'current', label: 'Running' });
    expect(running.canCancel).toBe(false);

    await cancelRestoreRequest({ actor: A().admin, tenantId: A().id, requestId: ids[1]!, reason: 'not needed after all' });
    const cancelled = await getTenantRestoreRequest({ actor: A().admin, slug: A().slug, requestId: ids[1]! });
    expect(cancelled.steps.map((s) => [s.key, s.state])).toEqual([
      ['requested', 'done'],
      ['approved', 'cancelled'],
      ['running', 'cancelled'],
      ['outcome', 'cancelled'],
    ]);
    expect(cancelled.canCancel).toBe(false);
  });
});
