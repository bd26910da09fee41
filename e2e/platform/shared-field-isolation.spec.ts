import { expect, test } from '@playwright/test';
import { signIn } from '../fixtures/users';

test('a shared-field tenant admin sees only their own slice of shared collections', async ({ page }) => {
  await signIn(page, 'ian@initech.example');
  const mine = await page.request.get('/api/tenants/initech/summary');
  expect(mine.status()).toBe(200);
  const other = await page.request.get('/api/tenants/initrode/summary');
  expect(other.status()).toBe(404);
  const body = (await mine.json()) as { collections: { namespace: string; documents: number }[] };
  expect(body.collections.every((c) => c.namespace.startsWith('saas_shared'))).toBe(true);
});
