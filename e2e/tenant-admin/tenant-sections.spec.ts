import { expect, test, type Page } from '@playwright/test';
import { signIn, USERS } from '../fixtures/users';

// The tenant's sections: a Restores tab leads every member to the tenant's restore requests;
// building a restore is offered only to those who may request one (a viewer sees neither the
// "New restore" tab nor the dashboard's "New restore" link).
const tabs = (page: Page) => page.getByRole('navigation', { name: 'Tenant sections' });

test('a tenant viewer finds the restore requests but is not offered to build one', async ({ page }) => {
  await signIn(page, USERS.tenantViewer);
  await expect(page.getByTestId('backup-health')).toBeVisible({ timeout: 30_000 });
  await expect(tabs(page).getByRole('link', { name: 'Restores' })).toBeVisible();
  await expect(tabs(page).getByRole('link', { name: 'New restore' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'New restore' })).toHaveCount(0);
  await page.getByRole('link', { name: 'All requests' }).click();
  await expect(page).toHaveURL(/\/t\/acme\/restores$/);
  await expect(page.getByRole('heading', { name: 'Restore requests' })).toBeVisible();
  await expect(tabs(page).getByRole('link', { name: 'Restores' })).toHaveAttribute('aria-current', 'page');
});

test('a tenant admin gets both: the requests and "New restore"', async ({ page }) => {
  await signIn(page, USERS.tenantAdmin);
  await expect(page.getByTestId('backup-health')).toBeVisible({ timeout: 30_000 });
  await expect(tabs(page).getByRole('link', { name: 'New restore' })).toBeVisible();
  await tabs(page).getByRole('link', { name: 'Restores' }).click();
  await expect(page.getByRole('heading', { name: 'Restore requests' })).toBeVisible();
  await tabs(page).getByRole('link', { name: 'New restore' }).click();
  await expect(page).toHaveURL(/\/t\/acme\/restores\/new$/);
  await expect(tabs(page).getByRole('link', { name: 'New restore' })).toHaveAttribute('aria-current', 'page');
  await expect(tabs(page).getByRole('link', { name: 'Restores' })).not.toHaveAttribute('aria-current', 'page');
});
