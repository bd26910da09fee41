import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/session/get-current-actor';
import { db } from '@/lib/db';
import { requestOnDemandBackup } from './request-on-demand-backup';

// On-demand backups against the real catalog: who may ask, the tenant's policy limits, and the
// job row + audit event committing together (refusals leave neither).
const run = randomBytes(4).toString('hex');
let tenantId: string;
let otherTenantId: string;
let admin: TActor;
let viewer: TActor;
let otherAdmin: TActor;
const userIds: string[] = [];

async function user(role: 'TENANT_ADMIN' | 'TENANT_VIEWER', tenant: string): Promise<TActor> {
  const u = await db.user.create({
    data: { email: `${role.toLowerCase()}-${run}-${userIds.length}@it.test`, name: role, memberships: { create: { tenantId: tenant, role } } },
  });
  userIds.push(u.id);
  return (await loadActor(u.id))!;
}

beforeAll(async () => {
  const mk = (n: string) =>
    db.tenant.create({
      data: { slug: `it-ondemand-${run}-${n}`, name: n, region: 'test', costCenter: 'T', tenancyModel: 'DATABASE', database: `it_ondemand_${run}_${n}` },
    });
  tenantId = (await mk('a')).id;
  otherTenantId = (await mk('b')).id;
  await db.backupPolicy.create({ data: { tenantId, overrides: { onDemand: { maxPerDay: 2 } } } });
  admin = await user('TENANT_ADMIN', tenantId);
  viewer = await user('TENANT_VIEWER', tenantId);
  otherAdmin = await user('TENANT_ADMIN', otherTenantId);
});

afterAll(async () => {
  await db.job.deleteMany({ where: { tenantId: { in: [tenantId, otherTenantId] } } });
  await db.user.deleteMany({ where: { id: { in: userIds } } });
  await db.tenant.deleteMany({ where: { id: { in: [tenantId, otherTenantId] } } });
  await db.$disconnect();
});

const jobs = () => db.job.findMany({ where: { tenantId }, orderBy: { createdAt: 'asc' } });
const audits = () => db.auditEvent.findMany({ where: { tenantId, action: 'backup.requested' } });
const finishAll = (status: 'SUCCEEDED' | 'CANCELLED') => db.job.updateMany({ where: { tenantId, status: 'QUEUED' }, data: { status } });

describe('requestOnDemandBackup', () => {
  it('refuses a viewer, an admin of another tenant and bad input, changing nothing', async () => {
    await expect(requestOnDemandBackup({ actor: viewer, input: { tenantId } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(requestOnDemandBackup({ actor: otherAdmin, input: { tenantId } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(requestOnDemandBackup({ actor: admin, input: { tenantId, kind: 'weekly' as 'full' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(requestOnDemandBackup({ actor: admin, input: { tenantId: '' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await jobs()).toHaveLength(0);
    expect(await audits()).toHaveLength(0);
  });

  it('queues a BACKUP job with an audit event, and refuses another while one is queued', async () => {
    const queued = await requestOnDemandBackup({ actor: admin, input: { tenantId, kind: 'full' }, origin: '127.0.0.1' });
    expect(queued).toMatchObject({ kind: 'full', limit: 2, remaining: 1 });
    const [job] = await jobs();
    expect(job).toMatchObject({
      id: queued.jobId,
      type: 'BACKUP',
      status: 'QUEUED',
      createdById: admin.userId,
      payload: { kind: 'full', trigger: 'on-demand' },
    });
    const [audit] = await audits();
    expect(audit).toMatchObject({ actorUserId: admin.userId, targetType: 'job', targetId: queued.jobId, origin: '127.0.0.1' });

    await expect(requestOnDemandBackup({ actor: admin, input: { tenantId } })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('already queued'),
    });
    await db.job.update({ where: { id: queued.jobId }, data: { status: 'RUNNING' } });
    await expect(requestOnDemandBackup({ actor: admin, input: { tenantId } })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('already running'),
    });
    expect(await jobs()).toHaveLength(1);
    expect(await audits()).toHaveLength(1);
    await db.job.update({ where: { id: queued.jobId }, data: { status: 'SUCCEEDED' } });
  });

  it("enforces the policy's onDemand.maxPerDay over 24 hours; scheduled and cancelled backups do not count", async () => {
    await db.job.create({ data: { tenantId, type: 'BACKUP', status: 'SUCCEEDED', payload: { kind: 'auto' } } });
    const second = await requestOnDemandBackup({ actor: admin, input: { tenantId } });
    expect(second.remaining).toBe(0);
    await finishAll('SUCCEEDED');
    await expect(requestOnDemandBackup({ actor: admin, input: { tenantId } })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('allows 2 on-demand backups per 24 hours'),
    });
    // A cancelled request gives its slot back; requests older than 24 hours are outside the window.
    await db.job.updateMany({ where: { id: second.jobId }, data: { status: 'CANCELLED' } });
    const third = await requestOnDemandBackup({ actor: admin, input: { tenantId } });
    expect(third.remaining).toBe(0);
    await finishAll('SUCCEEDED');
    await db.job.updateMany({ where: { tenantId }, data: { createdAt: new Date(Date.now() - 25 * 3600 * 1000) } });
    expect((await requestOnDemandBackup({ actor: admin, input: { tenantId } })).remaining).toBe(1);
    await finishAll('SUCCEEDED');
    expect(await audits()).toHaveLength(4);
  });

  it('lets exactly one of two simultaneous requests through', async () => {
    await db.job.updateMany({ where: { tenantId }, data: { createdAt: new Date(Date.now() - 25 * 3600 * 1000) } });
    const results = await Promise.allSettled([
      requestOnDemandBackup({ actor: admin, input: { tenantId } }),
      requestOnDemandBackup({ actor: admin, input: { tenantId } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
    expect(await db.job.count({ where: { tenantId, status: 'QUEUED' } })).toBe(1);
    await finishAll('SUCCEEDED');
  });

  it('is refused when the policy turns on-demand backups off', async () => {
    await db.backupPolicy.update({ where: { tenantId }, data: { overrides: { onDemand: { maxPerDay: 0 } } } });
    await expect(requestOnDemandBackup({ actor: admin, input: { tenantId } })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('turned off'),
    });
  });
});
