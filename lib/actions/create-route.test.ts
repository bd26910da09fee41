import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { TActor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import { createRoute } from './create-route';

const mocks = vi.hoisted(() => ({ actor: null as TActor | null, recordAudit: vi.fn(async () => ({})) }));
vi.mock('@/lib/session/get-current-actor', () => ({ getCurrentActor: async () => mocks.actor }));
vi.mock('@/lib/auth/request-origin', () => ({ getRequestOrigin: async () => null }));
vi.mock('@/lib/audit/append-audit', () => ({ recordAudit: mocks.recordAudit }));
vi.mock('@/lib/db', () => ({ db: {} }));

const admin: TActor = {
  userId: 'u-alice',
  email: 'alice@x',
  name: 'Alice',
  platformRoles: [],
  memberships: [{ tenantId: 't-acme', tenantSlug: 'acme', tenantName: 'Acme', role: 'TENANT_ADMIN' }],
  impersonation: null,
};
const work = vi.fn(async (input: { jobId: string; take: number }) => ({ jobId: input.jobId, take: input.take }));
const GET = createRoute({
  name: 'GET /test/[tenantSlug]/jobs/[jobId]',
  scope: { tenant: 'restores.read' },
  input: z.object({ jobId: z.string().min(1), take: z.coerce.number().int().max(100, 'take: at most 100.').default(10) }),
  run: ({ input }) => work(input),
});
const call = (slug: string, query = '', jobId = 'job1') =>
  GET(new Request(`http://127.0.0.1/test/${slug}/jobs/${jobId}${query}`), { params: Promise.resolve({ tenantSlug: slug, jobId }) });

beforeEach(() => {
  mocks.actor = admin;
  mocks.recordAudit.mockClear();
  work.mockReset();
  work.mockImplementation(async (input) => ({ jobId: input.jobId, take: input.take }));
});

describe('createRoute: the same chain, mapped to HTTP', () => {
  it('200 with the DAL result; the path params win over the query string', async () => {
    const res = await call('acme', '?take=5&jobId=forged&tenantSlug=globex');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ jobId: 'job1', take: 5 });
  });

  it('401 signed out, 404 for another tenant, 403 without the permission — each audited once', async () => {
    mocks.actor = null;
    expect((await call('acme')).status).toBe(401);
    mocks.actor = admin;
    const across = await call('globex');
    expect(across.status).toBe(404);
    expect(await across.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No such tenant.' } });
    mocks.actor = { ...admin, memberships: [{ ...admin.memberships[0]!, role: 'TENANT_VIEWER' }] };
    expect(
      (
        await createRoute({ name: 'x', scope: { tenant: 'restores.request' }, input: z.object({}), run: async () => 1 })(new Request('http://127.0.0.1/x'), {
          params: Promise.resolve({ tenantSlug: 'acme' }),
        })
      ).status,
    ).toBe(403);
    expect(mocks.recordAudit).toHaveBeenCalledTimes(3);
    expect(work).not.toHaveBeenCalled();
  });

  it('422 with field errors for invalid input, 409 for a conflict, neither audited', async () => {
    const bad = await call('acme', '?take=500');
    expect(bad.status).toBe(422);
    expect(await bad.json()).toEqual({ error: { code: 'INVALID_INPUT', message: 'take: at most 100.', fieldErrors: { take: 'take: at most 100.' } } });
    work.mockRejectedValueOnce(new AppError('CONFLICT', 'The dry-run has not finished.'));
    const conflict = await call('acme');
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toEqual({ error: { code: 'CONFLICT', message: 'The dry-run has not finished.' } });
    expect(mocks.recordAudit).not.toHaveBeenCalled();
  });

  it('500 without internals for anything else', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    work.mockRejectedValueOnce(new TypeError("Cannot read properties of undefined (reading 'secretColumn')"));
    const res = await call('acme');
    expect(res.status).toBe(500);
    const body = JSON.stringify(await res.json());
    expect(body).toContain('INTERNAL');
    expect(body).not.toMatch(/secretColumn|TypeError/);
    log.mockRestore();
  });

  it('`respond` shapes a successful answer (e.g. a download), failures stay JSON', async () => {
    const download = createRoute({
      name: 'dl',
      scope: { signedIn: true },
      input: z.object({}),
      run: async () => 'a,b\r\n',
      respond: (csv) => new Response(csv, { headers: { 'content-type': 'text/csv' } }),
    });
    const ok = await download(new Request('http://127.0.0.1/dl'));
    expect([ok.status, ok.headers.get('content-type'), await ok.text()]).toEqual([200, 'text/csv', 'a,b\r\n']);
    mocks.actor = null;
    expect((await download(new Request('http://127.0.0.1/dl'))).status).toBe(401);
  });
});
