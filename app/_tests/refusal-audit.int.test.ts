// Refusals are audited once, at the boundary: the real server actions and a route handler are
// called against the test catalog (only the identity source is mocked), and every refused call
// must leave exactly one DENIED row naming who tried what — and change nothing. The DAL itself
// only refuses (lib/requests/restore-request-lifecycle.int.test.ts checks it writes no row).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { createFixtureRequest } from '@/lib/requests/testing/create-fixture-request';
import { createUserSession } from '@/lib/session/session-store';

// The caller's user id and a freshly signed-in server-side session (it counts as step-up, so the
// refusals below are the ones under test, not a missing re-authentication).
const session = vi.hoisted(() => ({ userId: null as string | null, sid: null as string | null }));
vi.mock('next-auth', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next-auth')>()),
  getServerSession: vi.fn(async () => (session.userId ? { user: { id: session.userId, sid: session.sid } } : null)),
}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock('next/headers', () => ({
  // The direct peer (set by scripts/server.mjs) is the client; its X-Forwarded-For is not believed
  // (no trusted proxies configured), so the origin is the peer's address.
  headers: async () => new Headers({ 'x-vaultline-peer': '203.0.113.7', 'x-forwarded-for': '198.51.100.9, 10.0.0.1', 'user-agent': 'refusal-test' }),
  cookies: async () => ({ getAll: () => [], get: () => undefined, has: () => false }),
}));

const hex = randomBytes(4).toString('hex');
const u = {} as Record<'requester' | 'secondAccount' | 'viewer' | 'outsider', string>;
const t = {} as Record<'a' | 'b', { id: string; slug: string }>;
let requestId: string;

beforeAll(async () => {
  for (const s of ['a', 'b'] as const) {
    const row = await db.tenant.create({
      data: {
        slug: `it-refuse-${s}-${hex}`,
        name: `IT refuse ${s}`,
        tenancyModel: 'DATABASE',
        database: `it_refuse_${s}_${hex}`,
        region: 'eu-west-1',
        costCenter: 'CC-IT',
      },
    });
    t[s] = { id: row.id, slug: row.slug };
  }
  const mk = async (name: string, data: Record<string, unknown>) => (await db.user.create({ data: { email: `${name}-${hex}@it.example`, name, ...data } })).id;
  // The requester also holds the approver role, and has a second account: both are refused by the DAL's own rule.
  u.requester = await mk('requester', {
    personId: `p-${hex}`,
    memberships: { create: { tenantId: t.a.id, role: 'TENANT_ADMIN' } },
    platformRoles: { create: { role: 'APPROVER' } },
  });
  u.secondAccount = await mk('second', { personId: `p-${hex}`, platformRoles: { create: { role: 'APPROVER' } } });
  u.viewer = await mk('viewer', { memberships: { create: { tenantId: t.a.id, role: 'TENANT_VIEWER' } } });
  u.outsider = await mk('outsider', { memberships: { create: { tenantId: t.b.id, role: 'TENANT_ADMIN' } } });
  requestId = (await createFixtureRequest({ requesterId: u.requester, tenantId: t.a.id, database: `it_refuse_a_${hex}` })).id;
});

afterAll(async () => {
  await db.approval.deleteMany({ where: { requestId } });
  await db.restoreRequest.deleteMany({ where: { id: requestId } });
  // Audited users and tenants stay (the log references them); archive the tenants.
  await db.tenant.updateMany({ where: { id: { in: [t.a.id, t.b.id] } }, data: { status: 'ARCHIVED' } });
  await db.$disconnect();
});

/** Runs `call` as `userId` and returns the result and the audit rows it wrote. */
async function attempt<T>(userId: string | null, call: () => Promise<T>) {
  const last = (await db.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0n;
  session.userId = userId;
  session.sid = userId ? await createUserSession(userId, 'refusal-test') : null;
  try {
    const result = await call();
    const rows = await db.auditEvent.findMany({ where: { id: { gt: last } }, orderBy: { id: 'asc' } });
    return { result, rows };
  } finally {
    if (session.sid) await db.userSession.delete({ where: { id: session.sid } });
    session.userId = null;
    session.sid = null;
  }
}

describe('a refused call leaves exactly one DENIED row and changes nothing', () => {
  it('a viewer submitting a restore (the permission check: names the permission)', async () => {
    const { submitRestoreRequestAction } = await import('@/app/(tenant)/t/[tenantSlug]/restores/actions');
    const { result, rows } = await attempt(u.viewer, () =>
      submitRestoreRequestAction({ tenantSlug: t.a.slug, reason: 'restore the orders please', dryRunJobId: 'job-x' }),
    );
    expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(rows.map((r) => [r.action, r.outcome, r.actorUserId, r.tenantId, r.targetType, r.targetId])).toEqual([
      ['access.denied', 'DENIED', u.viewer, t.a.id, 'permission', 'restores.request'],
    ]);
    expect(rows[0]!.metadata).toMatchObject({ reason: 'MISSING_PERMISSION', operation: 'submitRestoreRequestAction' });
    expect(rows[0]!.origin).toBe('ip=203.0.113.7 ua=refusal-test');
  });

  it('the requester approving their own request, and their second account rejecting it (the DAL rule)', async () => {
    const { approveRestoreRequestAction, rejectRestoreRequestAction } = await import('@/app/(approver)/approvals/actions');
    const own = await attempt(u.requester, () => approveRestoreRequestAction({ requestId, reason: 'looks fine' }));
    expect(own.result).toMatchObject({ ok: false, code: 'FORBIDDEN', message: 'You cannot decide on your own restore request.' });
    const second = await attempt(u.secondAccount, () => rejectRestoreRequestAction({ requestId, reason: 'not like this' }));
    expect(second.result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect([...own.rows, ...second.rows].map((r) => [r.action, r.outcome, r.actorUserId, r.targetType, r.targetId])).toEqual([
      ['access.denied', 'DENIED', u.requester, 'restore_request', requestId],
      ['access.denied', 'DENIED', u.secondAccount, 'restore_request', requestId],
    ]);
    expect(second.rows[0]!.metadata).toMatchObject({ reason: 'FORBIDDEN', operation: 'rejectRestoreRequestAction' });
    expect(await db.approval.count({ where: { requestId } })).toBe(0);
    expect((await db.restoreRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe('PENDING_APPROVAL');
  });

  it("another tenant's admin cancelling it (NOT_FOUND), and a signed-out caller (UNAUTHENTICATED)", async () => {
    const { cancelRestoreRequestAction } = await import('@/app/(tenant)/t/[tenantSlug]/restores/actions');
    const across = await attempt(u.outsider, () => cancelRestoreRequestAction({ tenantSlug: t.a.slug, requestId }));
    expect(across.result).toMatchObject({ ok: false, code: 'NOT_FOUND', message: 'No such tenant.' });
    const anonymous = await attempt(null, () => cancelRestoreRequestAction({ tenantSlug: t.a.slug, requestId }));
    expect(anonymous.result).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(
      [...across.rows, ...anonymous.rows].map((r) => [r.outcome, r.actorUserId, r.tenantId, r.targetId, (r.metadata as { reason?: string }).reason]),
    ).toEqual([
      ['DENIED', u.outsider, null, requestId, 'NOT_FOUND'],
      ['DENIED', null, null, requestId, 'UNAUTHENTICATED'],
    ]);
    expect((await db.restoreRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe('PENDING_APPROVAL');
  });

  it('a route handler: 404 across tenants with one DENIED row, and a 422 for bad input with none', async () => {
    const { GET } = await import('@/app/api/tenants/[tenantSlug]/restores/[requestId]/route');
    const call = (slug: string, id: string) =>
      GET(new Request(`http://127.0.0.1:3000/api/tenants/${slug}/restores/${id}`), { params: Promise.resolve({ tenantSlug: slug, requestId: id }) });
    const across = await attempt(u.outsider, () => call(t.a.slug, requestId));
    expect(across.result.status).toBe(404);
    expect(await across.result.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No such tenant.' } });
    expect(across.rows.map((r) => [r.outcome, r.actorUserId, r.targetType, r.targetId])).toEqual([['DENIED', u.outsider, 'restore_request', requestId]]);
    const bad = await attempt(u.requester, () => call(t.a.slug, 'not.an~id'));
    expect(bad.result.status).toBe(422);
    expect(await bad.result.json()).toMatchObject({ error: { code: 'INVALID_INPUT', fieldErrors: { requestId: 'Not a restore request id.' } } });
    expect(bad.rows).toEqual([]);
  });
});
