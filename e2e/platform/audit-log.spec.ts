import { expect, test } from '@playwright/test';
import path from 'node:path';
import { USERS, signIn } from '../fixtures/users';

const SCREENSHOTS = path.resolve(__dirname, '../../.data/test-results/screenshots');

test('the platform audit page shows the chain verified, filters by tenant, and exports CSV and JSON lines', async ({ page }) => {
  await signIn(page, USERS.platformAdmin);
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(page.getByTestId('audit-verification')).toContainText(/All \d+ events verify/);
  // Sign-ins are audited: this very sign-in is on the page.
  await expect(page.getByTestId('audit-events').locator('tr[data-action="auth.sign_in"]', { hasText: USERS.platformAdmin }).first()).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'platform-audit.png'), fullPage: true });

  await page.getByLabel('Tenant').selectOption('acme');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/tenant=acme/);
  const tenants = await page.getByTestId('audit-events').locator('tbody tr td:nth-child(5)').allTextContents();
  expect(tenants.every((t) => t === 'acme')).toBe(true);

  const csv = await page.request.get('/api/audit/export?format=csv&tenant=acme');
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect((await csv.text()).split('\r\n')[0]).toBe(
    'id,at,action,outcome,actorUserId,actorEmail,tenantId,impersonationId,targetType,targetId,origin,metadata,prevHash,hash',
  );
  const jsonl = await page.request.get('/api/audit/export?format=jsonl');
  expect(jsonl.status()).toBe(200);
  const lines = (await jsonl.text()).trim().split('\n');
  expect(JSON.parse(lines[0]!)).toHaveProperty('hash');
  expect((await page.request.get('/api/audit/export?format=xml')).status()).toBe(422);
});

test('tenant admins export only their own tenant; viewers cannot read the audit log', async ({ page, browser }) => {
  await signIn(page, USERS.tenantAdmin);
  expect((await page.request.get('/api/audit/export?format=csv&tenant=acme')).status()).toBe(200);
  expect((await page.request.get('/api/audit/export?format=csv&tenant=globex')).status()).toBe(404);
  expect((await page.request.get('/api/audit/export?format=csv')).status()).toBe(403);
  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signIn(viewer, USERS.tenantViewer);
  const res = await viewer.goto('/t/acme/audit');
  expect(res?.status()).toBe(403);
  await expect(viewer.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await viewerContext.close();
});
