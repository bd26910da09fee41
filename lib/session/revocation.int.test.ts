// Revocation takes effect on the next request: roles, memberships and sessions are read from
// the catalog on every getCurrentActor() (loadActor is its uncached core), so the very next
// call after a change refuses — measured here against a 5 s budget.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { startImpersonation } from '@/lib/impersonation/start-impersonation';
import { listTenants } from '@/lib/tenants/list-tenants';
import { getTenantForActorOrThrow } from '@/lib/tenants/get-tenant-for-actor';
import { loadActor } from './get-current-actor';

const run = randomUUID().slice(0, 8);
const slug = `it-rev-${run}`;
const email = (n: string) => `${n}-${run}@it.example`;
const ids = {} as Record<'tenant' | 'admin' | 'admin2' | 'support', string>;

async function within5s<T>(work: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  const out = await work();
  expect(Date.now() - t0).toBeLessThan(5000);
  return out;
}

beforeAll(async () => {
  const t = await db.tenant.create({
    data: {
      slug,
      name: `Rev ${run}`,
      region: 'test',
      costCenter: 'T',
      tenancyModel: 'SHARED_FIELD',
      database: 'it_rev',
      tenantField: 'tenantId',
      tenantValue: slug,
    },
  });
  ids.tenant = t.id;
  ids.admin = (await db.user.create({ data: { email: email('a'), name: 'A', memberships: { create: { tenantId: t.id, role: 'TENANT_ADMIN' } } } })).id;
  ids.admin2 = (await db.user.create({ data: { email: email('b'), name: 'B', memberships: { create: { tenantId: t.id, role: 'TENANT_ADMIN' } } } })).id;
  ids.support = (await db.user.create({ data: { email: email('s'), name: 'S', platformRoles: { create: { role: 'SUPPORT' } } } })).id;
});

afterAll(async () => {
  await db.impersonationSession.deleteMany({ where: { tenantId: ids.tenant } });
  await db.user.deleteMany({ where: { email: { endsWith: `${run}@it.example` } } });
  await db.tenant.deleteMany({ where: { slug } });
  await db.$disconnect();
});

describe('revocation on the next request', () => {
  it('a removed membership: the next DAL call answers NOT_FOUND', async () => {
    const before = (await loadActor(ids.admin))!;
    await expect(getTenantForActorOrThrow({ actor: before, slug, permission: 'policies.update' })).resolves.toMatchObject({ id: ids.tenant });
    await db.membership.deleteMany({ where: { userId: ids.admin, tenantId: ids.tenant } });
    const after = await within5s(async () => (await loadActor(ids.admin))!);
    await expect(getTenantForActorOrThrow({ actor: after, slug, permission: 'tenant.read' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a downgraded role: the next call refuses the mutation', async () => {
    await db.membership.updateMany({ where: { userId: ids.admin2, tenantId: ids.tenant }, data: { role: 'TENANT_VIEWER' } });
    const after = await within5s(async () => (await loadActor(ids.admin2))!);
    await expect(getTenantForActorOrThrow({ actor: after, slug, permission: 'policies.update' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a revoked support role ends the open impersonation on the next request', async () => {
    await db.membership.updateMany({ where: { userId: ids.admin2 }, data: { role: 'TENANT_ADMIN' } });
    const { id } = await startImpersonation({
      actor: (await loadActor(ids.support))!,
      input: { tenantSlug: slug, targetUserId: ids.admin2, reason: 'checking revocation paths', ticketRef: 'SUP-1' },
    });
    await db.platformRoleGrant.updateMany({ where: { userId: ids.support }, data: { revokedAt: new Date() } });
    const after = await within5s(async () => (await loadActor(ids.support))!);
    expect(after.impersonation).toBeNull();
    expect(after.platformRoles).toEqual([]);
    await expect(listTenants({ actor: after })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.impersonationSession.findUniqueOrThrow({ where: { id } })).toMatchObject({ endReason: 'support-role-revoked' });
    expect(await db.auditEvent.count({ where: { impersonationId: id, action: 'impersonation.ended' } })).toBe(1);
  });

  it('the target losing its membership ends the impersonation on the next request', async () => {
    await db.platformRoleGrant.updateMany({ where: { userId: ids.support }, data: { revokedAt: null } });
    const { id } = await startImpersonation({
      actor: (await loadActor(ids.support))!,
      input: { tenantSlug: slug, targetUserId: ids.admin2, reason: 'checking revocation paths', ticketRef: 'SUP-2' },
    });
    expect((await loadActor(ids.support))!.impersonation?.id).toBe(id);
    await db.membership.deleteMany({ where: { userId: ids.admin2, tenantId: ids.tenant } });
    const after = await within5s(async () => (await loadActor(ids.support))!);
    expect(after.impersonation).toBeNull();
    await expect(getTenantForActorOrThrow({ actor: after, slug, permission: 'tenant.read' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.impersonationSession.findUniqueOrThrow({ where: { id } })).toMatchObject({ endReason: 'target-revoked' });
  });

  it('a deactivated user has no actor on the next request', async () => {
    await db.user.update({ where: { id: ids.support }, data: { isActive: false } });
    expect(await within5s(() => loadActor(ids.support))).toBeNull();
  });
});
