import { expect, test } from '@playwright/test';
import path from 'node:path';
import { USERS, mainNav, signIn } from '../fixtures/users';

test('a wrong password gets a clear error and no session', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(USERS.tenantAdmin);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText('Wrong email or password.');
  await page.goto('/t/acme');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('signed-out visitors are sent to the sign-in page', async ({ page }) => {
  await page.goto('/approvals');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fapprovals/);
  await expect(page.getByRole('heading', { name: 'Sign in to Vaultline' })).toBeVisible();
});

const ROLE_CASES = [
  {
    who: 'tenant admin',
    email: USERS.tenantAdmin,
    lands: /\/t\/acme$/,
    sees: ['Acme Corporation'],
    hidden: ['Approvals', 'Elevations', 'Support', 'Administration'],
  },
  { who: 'tenant viewer', email: USERS.tenantViewer, lands: /\/t\/acme$/, sees: ['Acme Corporation'], hidden: ['Approvals', 'Support', 'Administration'] },
  {
    who: 'approver',
    email: USERS.approver,
    lands: /\/approvals$/,
    sees: ['Approvals', 'Elevations'],
    hidden: ['Acme Corporation', 'Support', 'Administration'],
  },
  { who: 'support', email: USERS.support, lands: /\/support$/, sees: ['Support'], hidden: ['Acme Corporation', 'Approvals', 'Administration'] },
  { who: 'platform admin', email: USERS.platformAdmin, lands: /\/admin$/, sees: ['Administration'], hidden: ['Acme Corporation', 'Approvals', 'Support'] },
];

for (const c of ROLE_CASES) {
  test(`${c.who} signs in and sees the right navigation`, async ({ page }) => {
    await signIn(page, c.email);
    await expect(page).toHaveURL(c.lands);
    for (const label of c.sees) await expect(mainNav(page).getByRole('link', { name: label })).toBeVisible();
    for (const label of c.hidden) await expect(mainNav(page).getByRole('link', { name: label })).toHaveCount(0);
  });
}

test('the signed-in shell shows live tenant data, and sign-out ends the session', async ({ page }) => {
  await signIn(page, USERS.tenantAdmin);
  const table = page.getByTestId('collections-table');
  // live counts from the data plane: seconds on a loaded machine (signIn waits as long for the page)
  await expect(table).toBeVisible({ timeout: 30_000 });
  await expect(table.getByRole('row')).not.toHaveCount(1);
  await expect(table).toContainText(/t_acme(_\w+)?\.orders/);
  await page.screenshot({ path: path.resolve(__dirname, '../../.data/test-results/screenshots/signed-in-shell.png'), fullPage: true });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/t/acme');
  await expect(page).toHaveURL(/\/sign-in/);
});
