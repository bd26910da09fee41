// Bad input never reaches Postgres: a NUL byte (which Postgres text cannot hold) in an id, the
// tenant parameter, a query field or an action's input is refused with a clear 422 — or, for a
// tenant that is not the caller's, the usual 404 — never a 500 from inside the database. The
// real route handlers and a server action run against the test catalog; only the identity
// source is mocked. The refusals of foreign tenants are still audited (one DENIED row each).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock('next-auth', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next-auth')>()),
  getServerSession: vi.fn(async () => (session.userId ? { user: { id: session.userId } } : null)),
}));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ 'user-agent': 'nul-test' }),
  cookies: async () => ({ getAll: () => [], get: () => undefined, has: () => false }),
}));

const hex = randomBytes(4).toString('hex');
const NUL = '\u0000';
let tenant: { id: string; slug: string };
let adminId: string;

beforeAll(async () => {
  const row = await db.tenant.create({
    data: { slug: `it-nul-${hex}`, name: 'IT nul', tenancyModel: 'DATABASE', database: `it_nul_${hex}`, region: 'eu-west-1', costCenter: 'CC-IT' },
  });
  tenant = { id: row.id, slug: row.slug };
  adminId = (
    await db.user.create({
      data: { email: `nul-admin-${hex}@it.example`, name: 'Nul admin', memberships: { create: { tenantId: row.id, role: 'TENANT_ADMIN' } } },
    })
  ).id;
  session.userId = adminId;
});

afterAll(async () => {
  await db.tenant.updateMany({ where: { id: tenant.id }, data: { status: 'ARCHIVED' } });
  await db.$disconnect();
});

type THandler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const call = (handler: THandler, params: Record<string, string>, query = '') =>
  handler(new Request(`http://127.0.0.1:3000/api/x${query}`), { params: Promise.resolve(params) });

describe('a NUL byte in route input', () => {
  it('in an id of the caller’s tenant: 422 naming the field, for every id route', async () => {
    const routes: Array<[string, THandler, Record<string, string>]> = [
      ['jobs', (await import('@/app/api/tenants/[tenantSlug]/jobs/[jobId]/route')).GET, { jobId: `job${NUL}x` }],
      ['snapshots', (await import('@/app/api/tenants/[tenantSlug]/snapshots/[snapshotId]/route')).GET, { snapshotId: `s${NUL}` }],
      ['dry-run changes', (await import('@/app/api/tenants/[tenantSlug]/dry-runs/[jobId]/changes/route')).GET, { jobId: `${NUL}` }],
      ['restores', (await import('@/app/api/tenants/[tenantSlug]/restores/[requestId]/route')).GET, { requestId: `rr${NUL}` }],
    ];
    for (const [name, handler, params] of routes) {
      const res = await call(handler, { tenantSlug: tenant.slug, ...params });
      expect(res.status, name).toBe(422);
      const body = (await res.json()) as { error: { code: string; fieldErrors?: Record<string, string> } };
      expect(body.error.code, name).toBe('INVALID_INPUT');
      expect(Object.keys(body.error.fieldErrors ?? {}), name).toEqual(Object.keys(params));
    }
  });

  it('summary: an unknown source is 422 naming it; source=snapshot answers from the catalog', async () => {
    const summary = (await import('@/app/api/tenants/[tenantSlug]/summary/route')).GET as unknown as THandler;
    const bad = await call(summary, { tenantSlug: tenant.slug }, '?source=sideways');
    expect(bad.status).toBe(422);
    expect(Object.keys(((await bad.json()) as { error: { fieldErrors?: Record<string, string> } }).error.fieldErrors ?? {})).toEqual(['source']);
    const ok = await call(summary, { tenantSlug: tenant.slug }, '?source=snapshot');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ collections: [], totalDocuments: 0, source: 'snapshot', asOf: null });
  });

  it('in the tenant parameter: 404 (not the caller’s tenant), audited once with the id made printable', async () => {
    const { GET } = await import('@/app/api/tenants/[tenantSlug]/jobs/[jobId]/route');
    const before = await db.auditEvent.count({ where: { actorUserId: adminId, outcome: 'DENIED' } });
    expect((await call(GET, { tenantSlug: `${tenant.slug}${NUL}`, jobId: `j${NUL}` })).status).toBe(404);
    const summary = (await import('@/app/api/tenants/[tenantSlug]/summary/route')).GET as unknown as THandler;
    expect((await call(summary, { tenantSlug: `x${NUL}` })).status).toBe(404);
    const rows = await db.auditEvent.findMany({ where: { actorUserId: adminId, outcome: 'DENIED' }, orderBy: { id: 'asc' }, skip: before });
    expect(rows).toHaveLength(2);
    expect(rows[0]!.targetId).toBe('j\ufffd');
  });

  it('in a query field (audit export filter): 422, not a database error', async () => {
    const { GET } = await import('@/app/api/audit/export/route');
    const res = await (GET as unknown as THandler)(new Request(`http://127.0.0.1:3000/api/audit/export?tenant=${tenant.slug}%00&format=csv`), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(422);
  });

  it('in a server action’s input: a typed INVALID_INPUT result naming the field, nothing written', async () => {
    const { submitRestoreRequestAction } = await import('@/app/(tenant)/t/[tenantSlug]/restores/actions');
    const result = await submitRestoreRequestAction({ tenantSlug: tenant.slug, reason: 'customer deleted orders (ticket T-9)', dryRunJobId: `j${NUL}` });
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT', fieldErrors: { dryRunJobId: expect.stringContaining('NUL') } });
    expect(await db.restoreRequest.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it('in the undo actions’ ids (request, preview): INVALID_INPUT naming the field, nothing queued', async () => {
    const { previewRestoreUndoAction, undoRestoreRequestAction } = await import('@/app/(tenant)/t/[tenantSlug]/restores/actions');
    expect(await previewRestoreUndoAction({ tenantSlug: tenant.slug, requestId: `rr${NUL}` })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      fieldErrors: { requestId: expect.stringContaining('NUL') },
    });
    expect(await undoRestoreRequestAction({ tenantSlug: tenant.slug, requestId: 'rr-1', previewJobId: `job${NUL}` })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      fieldErrors: { previewJobId: expect.stringContaining('NUL') },
    });
    expect(await db.job.count({ where: { tenantId: tenant.id } })).toBe(0);
  });
});
