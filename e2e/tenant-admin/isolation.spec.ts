import { expect, test } from '@playwright/test';
import { USERS, signIn } from '../fixtures/users';

test.describe('a tenant admin of acme', () => {
  test.beforeEach(async ({ page }) => signIn(page, USERS.tenantAdmin));

  test("gets 404 for another tenant's pages and data", async ({ page }) => {
    const res = await page.goto('/t/globex');
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    const api = await page.request.get('/api/tenants/globex/summary');
    expect(api.status()).toBe(404);
    expect(await api.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No such tenant.' } });
    const own = await page.request.get('/api/tenants/acme/summary');
    expect(own.status()).toBe(200);
    const body = (await own.json()) as { collections: { namespace: string }[] };
    expect(body.collections.length).toBeGreaterThan(0);
    for (const c of body.collections) expect(c.namespace.startsWith('t_acme')).toBe(true);
  });

  test('gets 404 for a tenant that does not exist', async ({ page }) => {
    const res = await page.goto('/t/no-such-tenant');
    expect(res?.status()).toBe(404);
  });

  test('gets 403 for platform pages', async ({ page }) => {
    for (const path of ['/approvals', '/support', '/admin']) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(403);
      await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
    }
  });
});

test('anonymous API calls get 401', async ({ request }) => {
  const res = await request.get('/api/tenants/acme/summary');
  expect(res.status()).toBe(401);
});
