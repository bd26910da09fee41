// A platform admin runs a tenant's retention + GC now: held snapshots stay, one GC job is queued
// and audited, a second request while it is pending is refused and changes nothing, and only
// platform admins may ask (in the DAL; the action's matrix row is in lib/authz).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { loadActor } from '@/lib/session/get-current-actor';
import { listGcRuns, startTenantCleanup } from './start-tenant-cleanup';

const run = randomUUID().slice(0, 8);
const slug = `it-cleanup-${run}`;
const ids = {} as Record<'tenant' | 'admin' | 'tenantAdmin', string>;
const snaps: string[] = [];
const now = new Date('2026-12-01T12:00:00Z');
const actor = async (id: string) => (await loadActor(id))!;

beforeAll(async () => {
  ids.tenant = (
    await db.tenant.create({ data: { slug, name: slug, region: 'test', costCenter: 'T', tenancyModel: 'DATABASE', database: `it_cleanup_${run}` } })
  ).id;
  await db.backupPolicy.create({
    data: { tenantId: ids.tenant, overrides: { retention: { keepLast: 1, daily: 0, weekly: 0, monthly: 0, yearly: 0, minAgeDays: 0 } } },
  });
  const mk = async (n: string, data: Record<string, unknown>) => (await db.user.create({ data: { email: `${n}-${run}@it.example`, name: n, ...data } })).id;
  ids.admin = await mk('pat', { platformRoles: { create: { role: 'PLATFORM_ADMIN' } } });
  ids.tenantAdmin = await mk('tina', { memberships: { create: { tenantId: ids.tenant, role: 'TENANT_ADMIN' } } });
  for (let seq = 1; seq <= 3; seq++) {
    const s = await db.snapshot.create({
      data: { tenantId: ids.tenant, seq, kind: 'FULL', status: 'COMPLETED', consistentAt: new Date(now.getTime() - (4 - seq) * 3_600_000) },
    });
    snaps.push(s.id);
  }
  await db.snapshot.update({ where: { id: snaps[0] }, data: { holdReason: 'litigation LIT-7', heldAt: now, heldById: ids.admin } });
});

afterAll(async () => {
  await db.job.deleteMany({ where: { tenantId: ids.tenant } });
  await db.snapshot.deleteMany({ where: { tenantId: ids.tenant } });
  await db.auditEvent.deleteMany({ where: { tenantId: ids.tenant } }).catch(() => undefined);
  await db.user.deleteMany({ where: { email: { endsWith: `${run}@it.example` } } });
  await db.tenant.update({ where: { id: ids.tenant }, data: { status: 'ARCHIVED' } }).catch(() => undefined);
  await db.$disconnect();
});

const gcJobs = () => db.job.findMany({ where: { tenantId: ids.tenant, type: 'GC' }, select: { id: true, status: true, payload: true, createdById: true } });
const expiredSeqs = async () =>
  (await db.snapshot.findMany({ where: { tenantId: ids.tenant, expiredAt: { not: null } }, orderBy: { seq: 'asc' }, select: { seq: true } })).map((s) => s.seq);

describe('startTenantCleanup', () => {
  it('expires what the rule drops except the held snapshot, queues one GC job and audits it', async () => {
    const started = await startTenantCleanup({ actor: await actor(ids.admin), input: { tenantId: ids.tenant }, origin: 'test', now });
    expect(started.expiredSeqs).toEqual([2]);
    expect(await expiredSeqs()).toEqual([2]);
    const jobs = await gcJobs();
    expect(jobs).toEqual([{ id: started.gcJobId, status: 'QUEUED', payload: { trigger: 'admin' }, createdById: ids.admin }]);
    const audit = await db.auditEvent.findMany({ where: { tenantId: ids.tenant, action: 'gc.requested' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: ids.admin, targetId: started.gcJobId, metadata: { expiredSeqs: [2] } });
    const runs = await listGcRuns({ actor: await actor(ids.admin), tenantId: ids.tenant });
    expect(runs.map((r) => [r.jobId, r.status])).toEqual([[started.gcJobId, 'QUEUED']]);
  });

  it('refuses a second request while that GC is pending, changing nothing', async () => {
    // Lifting the hold would let a retention pass expire #1: the refusal must come first.
    await db.snapshot.update({ where: { id: snaps[0] }, data: { holdReason: null, heldAt: null, heldById: null } });
    const before = await db.auditEvent.count({ where: { tenantId: ids.tenant } });
    const err = await startTenantCleanup({ actor: await actor(ids.admin), input: { tenantId: ids.tenant }, now }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('CONFLICT');
    expect((err as AppError).message).toMatch(/already queued/);
    expect(await expiredSeqs()).toEqual([2]);
    expect(await gcJobs()).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { tenantId: ids.tenant } })).toBe(before);
  });

  it('is for platform admins only; an unknown tenant is not found', async () => {
    await expect(startTenantCleanup({ actor: await actor(ids.tenantAdmin), input: { tenantId: ids.tenant }, now })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listGcRuns({ actor: await actor(ids.tenantAdmin), tenantId: ids.tenant })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(startTenantCleanup({ actor: await actor(ids.admin), input: { tenantId: 'no-such-tenant' }, now })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(startTenantCleanup({ actor: await actor(ids.admin), input: { tenantId: "x'; DROP" }, now })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await gcJobs()).toHaveLength(1);
  });
});
