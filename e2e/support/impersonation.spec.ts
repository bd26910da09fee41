import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { USERS, signIn } from '../fixtures/users';

// Support impersonation end to end: start with a reason and a ticket → the banner shows the
// time left (and counts down) → read-only: no button that changes anything is offered (backup,
// restore, policy save) and each page says why (the DAL's refusal of a read-only session's
// mutations is in the authorization matrix, subject supportImpersonatingA) → stop → the tenant
// admin's own audit view shows every step with both identities (the support user and the
// impersonated tenant user).
const SCREENSHOTS = path.resolve(__dirname, '../../.data/test-results/screenshots');

async function stopLeftoverSession(page: Page) {
  const banner = page.getByTestId('impersonation-banner');
  if (await banner.isVisible()) {
    await banner.getByRole('button', { name: 'Stop impersonating' }).click();
    await expect(banner).toHaveCount(0, { timeout: 30_000 });
  }
}

test('support impersonation is read-only, visible, and audited with both identities', async ({ page }) => {
  const ticket = `SUP-${Date.now() % 100_000_000}`;
  await signIn(page, USERS.impersonatingSupport, undefined, '/support');
  await stopLeftoverSession(page); // a session left open by an earlier, interrupted run

  // Invalid input: inline errors, nothing starts.
  const form = page.getByRole('form', { name: 'Start impersonation' });
  await form.getByLabel('Tenant').selectOption('acme');
  await form.getByLabel('View as user').selectOption({ label: 'Alice Admin · alice@acme.example (admin)' });
  await form.getByLabel('Reason').fill('too short');
  await form.getByLabel('Ticket reference').fill('see slack');
  await form.getByRole('button', { name: 'Start read-only session' }).click();
  await expect(form.locator('#reason-error')).toHaveText('Give a reason of at least 10 characters.');
  await expect(form.locator('#ticketRef-error')).toHaveText('Enter a ticket reference such as SUP-1234.');
  await expect(page.getByTestId('impersonation-banner')).toHaveCount(0);

  // Start.
  await form.getByLabel('Reason').fill("Customer cannot find last week's orders (e2e)");
  await form.getByLabel('Ticket reference').fill(ticket);
  await form.getByRole('button', { name: 'Start read-only session' }).click();
  await expect(page).toHaveURL(/\/t\/acme$/, { timeout: 30_000 }); // the action, then a full page load
  const banner = page.getByTestId('impersonation-banner');
  await expect(banner).toContainText('Impersonating alice@acme.example');
  await expect(banner).toContainText(ticket);
  await expect(banner).toContainText('read-only');
  const timeLeft = page.getByTestId('impersonation-time-left');
  await expect(timeLeft).toHaveText(/^(30:00|29:[0-5]\d) left$/);
  const first = await timeLeft.textContent();
  await expect(timeLeft).not.toHaveText(first!, { timeout: 5000 }); // it counts down live
  await page.screenshot({ path: path.join(SCREENSHOTS, 'impersonation-banner.png') });

  // Read-only means nothing to change is offered, and each page says why.
  const notice = page.getByTestId('read-only-notice');
  await expect(notice).toContainText('Read-only: you are impersonating this tenant');
  await expect(page.getByRole('button', { name: 'Back up now' })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Tenant sections' }).getByRole('link', { name: 'New restore' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'New restore' })).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Acme Corporation settings' }).getByRole('link', { name: 'Backup policy' }).click();
  await expect(page).toHaveURL(/\/t\/acme\/policy$/, { timeout: 30_000 });
  await expect(banner).toBeVisible();
  await expect(notice).toContainText('Request an elevation');
  await expect(page.getByLabel('Daily snapshots kept')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Save policy' })).toHaveCount(0);
  await page.goto('/t/acme/snapshots');
  await expect(page.getByRole('link', { name: 'Build a restore' })).toHaveCount(0);
  // The builder's address typed in: refused, saying it is the read-only session (not a role).
  await page.goto('/t/acme/restores/new');
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await expect(page.getByText('your impersonation session is read-only')).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'impersonation-refused.png'), fullPage: true });

  // Stop.
  await banner.getByRole('button', { name: 'Stop impersonating' }).click();
  await expect(page).toHaveURL(/\/support$/, { timeout: 30_000 });
  await expect(page.getByTestId('impersonation-banner')).toHaveCount(0);
  await expect(page.getByTestId('support-sessions').locator('li', { hasText: ticket })).toContainText('stopped');
  // The next request no longer sees the tenant.
  const res = await page.goto('/t/acme');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();

  // The tenant admin's own audit view shows each step with both identities.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, USERS.tenantAdmin, undefined, '/t/acme/audit');
  const table = page.getByTestId('audit-events');
  for (const action of ['impersonation.started', 'impersonation.viewed', 'impersonation.stopped']) {
    const row = table.locator(`tr[data-action="${action}"]`, { hasText: ticket }).first();
    await expect(row, action).toBeVisible();
    const who = row.getByTestId('both-identities');
    await expect(who).toContainText(USERS.impersonatingSupport);
    await expect(who).toContainText('alice@acme.example');
  }
  await page.screenshot({ path: path.join(SCREENSHOTS, 'tenant-audit-both-identities.png'), fullPage: true });
});

test('an approver elevates a session; then the change goes through and is audited as support-as-user', async ({ page, browser }) => {
  const ticket = `SUP-${(Date.now() + 7) % 100_000_000}`;
  await signIn(page, USERS.impersonatingSupport, undefined, '/support');
  await stopLeftoverSession(page);
  const form = page.getByRole('form', { name: 'Start impersonation' });
  await form.getByLabel('Tenant').selectOption('acme');
  await form.getByLabel('View as user').selectOption({ label: 'Alice Admin · alice@acme.example (admin)' });
  await form.getByLabel('Reason').fill('Customer asked us to fix their retention (e2e)');
  await form.getByLabel('Ticket reference').fill(ticket);
  await form.getByRole('button', { name: 'Start read-only session' }).click();
  await expect(page).toHaveURL(/\/t\/acme$/, { timeout: 30_000 }); // the action, then a full page load

  // Ask for elevation (from the support page, where the session is listed).
  await page.goto('/support');
  await page.getByPlaceholder('What you need to change, and why').fill('Set retention back to what the customer wants');
  await page.getByRole('button', { name: 'Ask an approver to allow changes' }).click();
  await expect(page.getByTestId('impersonation-banner')).toContainText('elevation pending');

  // An approver approves it.
  const approverContext = await browser.newContext();
  const approver = await approverContext.newPage();
  await signIn(approver, USERS.approver, undefined, '/approvals/elevations');
  const item = approver.getByTestId('pending-elevations').locator('li', { hasText: ticket });
  await item.getByPlaceholder('Note for the audit log').fill(`OK per ${ticket}`);
  await item.getByRole('button', { name: 'Approve' }).click();
  await expect(approver.getByTestId('pending-elevations').locator('li', { hasText: ticket })).toHaveCount(0);
  await approverContext.close();

  // Now the same mutation succeeds (then is put back), and the banner says so.
  await page.goto('/t/acme/policy');
  await expect(page.getByTestId('impersonation-banner')).toContainText('elevated: changes allowed');
  const retention = page.getByLabel('Daily snapshots kept');
  const before = await retention.inputValue();
  await retention.fill(String(Number(before) + 1));
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText('retention.daily');
  await page.reload();
  await page.getByLabel('Daily snapshots kept').fill(before);
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.getByTestId('impersonation-banner').getByRole('button', { name: 'Stop impersonating' }).click();
  await expect(page).toHaveURL(/\/support$/, { timeout: 30_000 });
  // The support page has rendered without the session (and is hydrated) before we sign out:
  // a click that lands before hydration does nothing.
  await expect(page.getByTestId('impersonation-banner')).toHaveCount(0);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, USERS.tenantAdmin, undefined, '/t/acme/audit');
  const table = page.getByTestId('audit-events');
  const changed = table.locator('tr[data-action="policy.backup_updated"]', { hasText: ticket }).first();
  await expect(changed.getByTestId('both-identities')).toContainText(USERS.impersonatingSupport);
  await expect(changed.getByTestId('both-identities')).toContainText('alice@acme.example');
  await expect(table.locator('tr[data-action="impersonation.elevation_approved"]').first()).toContainText(USERS.approver);
});
