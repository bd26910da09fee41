// Security headers on pages and tenant API responses, the app still working under the CSP, and
// the sign-in flow refusing callback URLs that lead to another origin.
import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { USERS, signIn } from '../fixtures/users';

const COMMON = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

function expectCommonHeaders(res: APIResponse) {
  const h = res.headers();
  for (const [k, v] of Object.entries(COMMON)) expect(h[k], k).toBe(v);
  const permissions = h['permissions-policy'] ?? '';
  for (const feature of ['camera=()', 'microphone=()', 'geolocation=()']) expect(permissions).toContain(feature);
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
}

/** CSP violations, from the console and from `securitypolicyviolation` events, on every page load. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(m.text())) violations.push(m.text());
  });
  await page.exposeFunction('__reportCspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCspViolation(v: string): void }).__reportCspViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return violations;
}

test('pages carry the security headers and a nonce-based CSP', async ({ request }) => {
  const res = await request.get('/sign-in');
  expect(res.status()).toBe(200);
  expectCommonHeaders(res);
  const csp = res.headers()['content-security-policy']!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'self'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  // A fresh nonce per response, and Next.js puts it on its scripts.
  const again = await request.get('/sign-in');
  expect(again.headers()['content-security-policy']).not.toBe(csp);
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  const html = await res.text();
  expect(html).toContain(`nonce="${nonce}"`);
  expect(html.match(/<script(?![^>]*nonce=)[^>]*>/g) ?? []).toEqual([]);
});

test('tenant API responses carry the security headers and are never stored', async ({ page }) => {
  await signIn(page, USERS.tenantAdmin);
  for (const path of ['/api/tenants/acme/summary', '/api/tenants/acme/snapshots', '/api/audit/export?format=jsonl&tenant=acme']) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(200);
    expectCommonHeaders(res);
    expect(res.headers()['cache-control'], path).toBe('no-store');
    expect(res.headers()['content-security-policy'], path).toContain("default-src 'none'");
  }
  // Also on refusals and on signed-out requests.
  const other = await page.request.get('/api/tenants/globex/summary');
  expect(other.status()).toBeGreaterThanOrEqual(400);
  expect(other.headers()['cache-control']).toBe('no-store');
});

test('sign-in and signed-in pages work under the CSP with no violation', async ({ page }) => {
  const violations = await watchCsp(page);
  await signIn(page, USERS.tenantAdmin);
  await expect(page).toHaveURL(/\/t\/acme$/);
  await expect(page.getByTestId('collections-table')).toBeVisible();
  // Client-side navigation (the app hydrated and its scripts run).
  await page.getByRole('link', { name: 'Snapshots', exact: true }).first().click();
  await expect(page).toHaveURL(/\/t\/acme\/snapshots/);
  await page.reload();
  await expect(page.getByTestId('current-user')).toContainText(USERS.tenantAdmin);
  expect(violations).toEqual([]);
});

const HOSTILE = ['/\\evil.example/x', '/\t/evil.example/x', '//evil.example/x', 'https://evil.example/x', 'javascript:alert(1)'];

test('a signed-in visit to /sign-in with a hostile callbackUrl stays on this origin', async ({ page, baseURL }) => {
  await signIn(page, USERS.tenantAdmin);
  for (const hostile of HOSTILE) {
    const res = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent(hostile)}`, { maxRedirects: 0 });
    expect(res.status(), hostile).toBe(307);
    const location = res.headers()['location']!;
    expect(location, hostile).toBe('/t/acme');
    expect(new URL(location, baseURL).origin).toBe(new URL(baseURL!).origin);
  }
  const ok = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent('/t/acme/snapshots?x=1')}`, { maxRedirects: 0 });
  expect(ok.headers()['location']).toBe('/t/acme/snapshots?x=1');
});

for (const hostile of ['/\\evil.example/x', '//evil.example/x', 'https://evil.example/x']) {
  test(`signing in with callbackUrl=${JSON.stringify(hostile)} lands on a page of this origin`, async ({ page, baseURL }) => {
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(hostile)}`);
    await page.getByLabel('Email').fill(USERS.tenantAdmin);
    await page.getByLabel('Password').fill((await import('../../prisma/seed/demo-users')).DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByTestId('current-user')).toContainText(USERS.tenantAdmin, { timeout: 30_000 });
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    expect(requested.filter((u) => u.includes('evil.example') && !u.startsWith(baseURL!))).toEqual([]);
  });
}
