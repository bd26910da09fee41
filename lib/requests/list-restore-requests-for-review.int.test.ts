// The approver queue against the test catalog: only PENDING_APPROVAL, filters (tenant, risk,
// age), paging, oldest first, approvers only. Uses two scratch tenants and fixture requests.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TActor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/session/get-current-actor';
import { db } from '@/lib/db';
import { listRestoreRequestsForReview } from './list-restore-requests-for-review';
import { rejectRestoreRequest } from './reject-restore-request';
import { createFixtureRequest } from './testing/create-fixture-request';

const hex = randomBytes(4).toString('hex');
const tenants: { id: string; slug: string; adminId: string }[] = [];
const userIds: string[] = [];
let approver: TActor;
const ids: string[] = [];

beforeAll(async () => {
  for (const s of ['a', 'b']) {
    const t = await db.tenant.create({
      data: {
        slug: `it-queue-${s}-${hex}`,
        name: `IT queue ${s}`,
        tenancyModel: 'DATABASE',
        database: `it_queue_${s}_${hex}`,
        region: 'eu-west-1',
        costCenter: 'CC-IT',
      },
    });
    const admin = await db.user.create({
      data: { email: `admin-${s}-${hex}@it.example`, name: `Admin ${s}`, memberships: { create: { tenantId: t.id, role: 'TENANT_ADMIN' } } },
    });
    tenants.push({ id: t.id, slug: t.slug, adminId: admin.id });
    userIds.push(admin.id);
  }
  const a = await db.user.create({ data: { email: `approver-${hex}@it.example`, name: 'Approver', platformRoles: { create: { role: 'APPROVER' } } } });
  userIds.push(a.id);
  approver = (await loadActor(a.id))!;
  // a: LOW, HIGH, LOW (old), b: HIGH; plus one rejected in a
  for (const [t, risk] of [
    [0, 'LOW'],
    [0, 'HIGH'],
    [0, 'LOW'],
    [1, 'HIGH'],
    [0, 'LOW'],
  ] as const) {
    const r = await createFixtureRequest({ requesterId: tenants[t]!.adminId, tenantId: tenants[t]!.id, database: `db_${t}`, risk });
    ids.push(r.id);
  }
  await db.restoreRequest.update({ where: { id: ids[2]! }, data: { submittedAt: new Date(Date.now() - 30 * 3600_000) } });
  await rejectRestoreRequest({ actor: approver, requestId: ids[4]!, reason: 'not needed' });
});

afterAll(async () => {
  await db.approval.deleteMany({ where: { requestId: { in: ids } } });
  await db.restoreRequest.deleteMany({ where: { id: { in: ids } } });
  await db.user.deleteMany({ where: { id: { in: userIds } } });
  await db.tenant.deleteMany({ where: { id: { in: tenants.map((t) => t.id) } } });
  await db.$disconnect();
});

const mine = (items: { id: string }[]) => items.map((i) => i.id).filter((id) => ids.includes(id));

describe('listRestoreRequestsForReview', () => {
  it('lists pending requests oldest first, filtered by tenant, risk and age', async () => {
    const byTenant = await listRestoreRequestsForReview({ actor: approver, filter: { tenant: tenants[0]!.slug } });
    expect(byTenant.items.map((i) => i.id)).toEqual([ids[2], ids[0], ids[1]]);
    expect(byTenant.total).toBe(3);
    const high = await listRestoreRequestsForReview({ actor: approver, filter: { tenant: tenants[0]!.slug, risk: 'HIGH' } });
    expect(high.items.map((i) => i.id)).toEqual([ids[1]]);
    const old = await listRestoreRequestsForReview({ actor: approver, filter: { tenant: tenants[0]!.slug, minAgeHours: 24 } });
    expect(old.items.map((i) => i.id)).toEqual([ids[2]]);
    const b = await listRestoreRequestsForReview({ actor: approver, filter: { tenant: tenants[1]!.slug } });
    expect(b.items.map((i) => [i.id, i.risk, i.requiredApprovals])).toEqual([[ids[3], 'HIGH', 2]]);
  });

  it('pages', async () => {
    const p1 = await listRestoreRequestsForReview({ actor: approver, filter: { tenant: tenants[0]!.slug, pageSize: 2, page: 1 } });
    const p2 = await listRestoreRequestsForReview({ actor: approver, filter: { tenant: tenants[0]!.slug, pageSize: 2, page: 2 } });
    expect([p1.items.length, p2.items.length, p1.total]).toEqual([2, 1, 3]);
    expect([...mine(p1.items), ...mine(p2.items)]).toEqual([ids[2], ids[0], ids[1]]);
  });

  it('is for approvers only', async () => {
    const admin = (await loadActor(tenants[0]!.adminId))!;
    await expect(listRestoreRequestsForReview({ actor: admin })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
