import path from 'node:path';
import { expect, test } from '@playwright/test';
import { mainNav, signIn, USERS } from '../fixtures/users';

// On a phone (390 px) the sidebar sits behind a "Menu" button, so every page starts at its
// content; from 768 px up the sidebar is always there and there is no button.
const SHOTS = path.resolve(__dirname, '../../.data/test-results/screenshots');

test('390 px: the page starts at its content, the menu opens on demand and closes after a link', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, USERS.tenantAdmin);
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(menu).toBeVisible();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(mainNav(page)).toBeHidden();
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toBeVisible();
  expect((await heading.boundingBox())!.y).toBeLessThan(260);
  await page.screenshot({ path: path.join(SHOTS, 'mobile-dashboard-390.png') });

  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(mainNav(page)).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'mobile-menu-open-390.png') });
  await page.getByRole('navigation', { name: 'Acme Corporation settings' }).getByRole('link', { name: 'Backup policy' }).click();
  await expect(page).toHaveURL(/\/t\/acme\/policy$/, { timeout: 30_000 });
  await expect(mainNav(page)).toBeHidden();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('1280 px: the sidebar is always shown, no menu button', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, USERS.tenantAdmin);
  await expect(mainNav(page)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
});
