// Platform roles with a tenant scope: an approver scoped to tenant A never sees, opens or decides
// tenant B's requests; a support engineer scoped to A cannot impersonate in B; an elevation of a
// session in B is not decided by an approver scoped to A. Unscoped roles reach every tenant.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { decideElevation } from '@/lib/impersonation/decide-elevation';
import { listImpersonationTargets } from '@/lib/impersonation/list-impersonation-targets';
import { listPendingElevations } from '@/lib/impersonation/list-pending-elevations';
import { requestElevation } from '@/lib/impersonation/request-elevation';
import { startImpersonation } from '@/lib/impersonation/start-impersonation';
import { loadActor } from '@/lib/session/get-current-actor';
import { approveRestoreRequest } from './approve-restore-request';
import { getRestoreRequestForReview } from './get-restore-request-for-review';
import { listRestoreRequestsForReview } from './list-restore-requests-for-review';
import { rejectRestoreRequest } from './reject-restore-request';
import { createFixtureRequest } from './testing/create-fixture-request';

const hex = randomBytes(4).toString('hex');
const t: { id: string; slug: string; adminId: string }[] = [];
const u = {} as Record<'scopedApprover' | 'approver' | 'scopedSupport' | 'support', string>;
const requests: string[] = [];

const actor = async (id: string) => (await loadActor(id))!;

beforeAll(async () => {
  for (const s of ['a', 'b']) {
    const tenant = await db.tenant.create({
      data: {
        slug: `it-scope-${s}-${hex}`,
        name: `IT scope ${s}`,
        tenancyModel: 'DATABASE',
        database: `it_scope_${s}_${hex}`,
        region: 'eu-west-1',
        costCenter: 'CC-IT',
      },
    });
    const admin = await db.user.create({
      data: { email: `scope-admin-${s}-${hex}@it.example`, name: `Admin ${s}`, memberships: { create: { tenantId: tenant.id, role: 'TENANT_ADMIN' } } },
    });
    t.push({ id: tenant.id, slug: tenant.slug, adminId: admin.id });
  }
  const mk = async (key: keyof typeof u, role: 'APPROVER' | 'SUPPORT', scope: string[]) => {
    u[key] = (await db.user.create({ data: { email: `${key}-${hex}@it.example`, name: key, platformRoles: { create: { role, tenantScope: scope } } } })).id;
  };
  await mk('scopedApprover', 'APPROVER', [t[0]!.id]);
  await mk('approver', 'APPROVER', []);
  await mk('scopedSupport', 'SUPPORT', [t[0]!.id]);
  await mk('support', 'SUPPORT', []);
  for (const i of [0, 1]) requests.push((await createFixtureRequest({ requesterId: t[i]!.adminId, tenantId: t[i]!.id, database: `db_${i}` })).id);
});

afterAll(async () => {
  await db.impersonationSession.deleteMany({ where: { tenantId: { in: t.map((x) => x.id) } } });
  await db.approval.deleteMany({ where: { requestId: { in: requests } } });
  await db.restoreRequest.deleteMany({ where: { id: { in: requests } } });
  await db.job.deleteMany({ where: { tenantId: { in: t.map((x) => x.id) } } });
  await db.user.deleteMany({ where: { email: { endsWith: `${hex}@it.example` } } });
  await db.tenant.deleteMany({ where: { id: { in: t.map((x) => x.id) } } });
  await db.$disconnect();
});

describe('approver scope', () => {
  it('lists only the scoped tenants’ requests (and tenants); an unscoped approver sees both', async () => {
    const scoped = await listRestoreRequestsForReview({ actor: await actor(u.scopedApprover), filter: { pageSize: 100 } });
    const mine = scoped.items.filter((i) => requests.includes(i.id)).map((i) => i.id);
    expect(mine).toEqual([requests[0]]);
    expect(scoped.tenants.map((x) => x.slug)).toEqual([t[0]!.slug]);
    const all = await listRestoreRequestsForReview({ actor: await actor(u.approver), filter: { pageSize: 100 } });
    expect(
      all.items
        .filter((i) => requests.includes(i.id))
        .map((i) => i.id)
        .sort(),
    ).toEqual([...requests].sort());
  });

  it('refuses to open, approve or reject a request outside the scope, and writes nothing', async () => {
    const scoped = await actor(u.scopedApprover);
    await expect(getRestoreRequestForReview({ actor: scoped, requestId: requests[1]! })).rejects.toThrow(/outside your scope/);
    await expect(approveRestoreRequest({ actor: scoped, requestId: requests[1]!, reason: 'looks fine to me' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(rejectRestoreRequest({ actor: scoped, requestId: requests[1]!, reason: 'not like this' })).rejects.toThrow(/outside your scope/);
    expect(await db.approval.count({ where: { requestId: requests[1]! } })).toBe(0);
    expect((await db.restoreRequest.findUniqueOrThrow({ where: { id: requests[1]! } })).status).toBe('PENDING_APPROVAL');
    // within the scope it works
    await expect(getRestoreRequestForReview({ actor: scoped, requestId: requests[0]! })).resolves.toMatchObject({ id: requests[0] });
    await expect(approveRestoreRequest({ actor: scoped, requestId: requests[0]!, reason: 'diff checked' })).resolves.toMatchObject({ status: 'QUEUED' });
  });
});

describe('support scope', () => {
  it('offers and starts impersonation only in the scoped tenants', async () => {
    const scoped = await actor(u.scopedSupport);
    const slugs = (await listImpersonationTargets({ actor: scoped })).map((x) => x.tenantSlug);
    expect(slugs).toContain(t[0]!.slug);
    expect(slugs).not.toContain(t[1]!.slug);
    const input = (i: number) => ({
      tenantSlug: t[i]!.slug,
      targetUserId: t[i]!.adminId,
      reason: 'customer asked us to check their policy',
      ticketRef: 'SUP-1234',
      minutes: 15,
    });
    await expect(startImpersonation({ actor: scoped, input: input(1) })).rejects.toThrow(/outside your scope/);
    expect(await db.impersonationSession.count({ where: { supportUserId: u.scopedSupport } })).toBe(0);
    await expect(startImpersonation({ actor: scoped, input: input(0) })).resolves.toMatchObject({ tenantSlug: t[0]!.slug });
  });

  it('an elevation in tenant B is not listed for, nor decided by, an approver scoped to A', async () => {
    const sup = await actor(u.support);
    await startImpersonation({
      actor: sup,
      input: { tenantSlug: t[1]!.slug, targetUserId: t[1]!.adminId, reason: 'customer asked us to fix a setting', ticketRef: 'SUP-5678', minutes: 15 },
    });
    const during = await actor(u.support);
    const sessionId = during.impersonation!.id;
    await requestElevation({ actor: during, input: { sessionId, reason: 'Need to change the retention the customer set' } });
    const scoped = await actor(u.scopedApprover);
    expect((await listPendingElevations({ actor: scoped })).map((p) => p.sessionId)).not.toContain(sessionId);
    await expect(decideElevation({ actor: scoped, input: { sessionId, decision: 'APPROVE', note: 'fine by me' } })).rejects.toThrow(/outside your scope/);
    expect((await db.impersonationSession.findUniqueOrThrow({ where: { id: sessionId } })).elevationStatus).toBe('PENDING');
    expect((await listPendingElevations({ actor: await actor(u.approver) })).map((p) => p.sessionId)).toContain(sessionId);
  });
});
