// The restore-request detail route handler against the test catalog (lookup, tenancy and
// permission rules themselves are covered by lib/requests/get-tenant-restore-request.int.test.ts):
// 200 for the tenant's own request, 404 across tenants, 401 signed out.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { createFixtureRequest } from '@/lib/requests/testing/create-fixture-request';
import { GET } from './route';

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock('next-auth', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next-auth')>()),
  getServerSession: vi.fn(async () => (session.userId ? { user: { id: session.userId } } : null)),
}));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ host: '127.0.0.1:3000' }),
  cookies: async () => ({ getAll: () => [], get: () => undefined, has: () => false }),
}));

const hex = randomBytes(4).toString('hex');
const tenants: { id: string; slug: string; adminId: string }[] = [];
let requestId: string;

beforeAll(async () => {
  for (const s of ['a', 'b']) {
    const t = await db.tenant.create({
      data: {
        slug: `it-rroute-${s}-${hex}`,
        name: `IT route ${s}`,
        tenancyModel: 'DATABASE',
        database: `it_rroute_${s}_${hex}`,
        region: 'eu-west-1',
        costCenter: 'CC-IT',
      },
    });
    const u = await db.user.create({
      data: { email: `route-admin-${s}-${hex}@it.example`, name: `Admin ${s}`, memberships: { create: { tenantId: t.id, role: 'TENANT_ADMIN' } } },
    });
    tenants.push({ id: t.id, slug: t.slug, adminId: u.id });
  }
  requestId = (await createFixtureRequest({ requesterId: tenants[0]!.adminId, tenantId: tenants[0]!.id, database: 'db_0' })).id;
});

afterAll(async () => {
  const jobs = await db.restoreRequest.findMany({ where: { id: requestId }, select: { jobId: true } });
  await db.restoreRequest.deleteMany({ where: { id: requestId } });
  await db.job.deleteMany({ where: { id: { in: jobs.flatMap((j) => (j.jobId ? [j.jobId] : [])) } } });
  // Audited tenants and users stay (the audit log is append-only and references them); archive the tenants.
  await db.tenant.updateMany({ where: { id: { in: tenants.map((t) => t.id) } }, data: { status: 'ARCHIVED' } });
  await db.$disconnect();
});

const call = (slug: string, id: string) =>
  GET(new Request(`http://127.0.0.1:3000/api/tenants/${slug}/restores/${id}`), { params: Promise.resolve({ tenantSlug: slug, requestId: id }) });

describe('GET /api/tenants/[tenantSlug]/restores/[requestId]', () => {
  it('answers 200 for the tenant, 404 across tenants, 401 signed out', async () => {
    const [a, b] = [tenants[0]!, tenants[1]!];
    session.userId = a.adminId;
    const ok = await call(a.slug, requestId);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { id: string }).id).toBe(requestId);
    session.userId = b.adminId;
    expect((await call(b.slug, requestId)).status).toBe(404);
    expect((await call(a.slug, requestId)).status).toBe(404);
    session.userId = null;
    expect((await call(a.slug, requestId)).status).toBe(401);
  });
});
