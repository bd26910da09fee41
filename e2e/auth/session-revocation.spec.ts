import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { USERS, signIn } from '../fixtures/users';

// Against the running app: sign-out revokes the session server-side, so a copy of the cookie
// taken before sign-out opens nothing afterwards (neither a page nor /api/auth/session); and
// repeated failed sign-ins of one account are throttled with a clear message.

test('a session cookie copied before sign-out is refused after it', async ({ page, browser, baseURL }) => {
  await signIn(page, USERS.tenantViewer);
  const copied = await page.context().cookies();
  expect(copied.some((c) => c.name.endsWith('next-auth.session-token'))).toBe(true);

  // The copy works while the session lasts.
  const before = await browser.newContext({ baseURL });
  await before.addCookies(copied);
  const sessionBefore = await (await before.request.get('/api/auth/session')).json();
  expect(sessionBefore).toMatchObject({ user: { id: expect.any(String) } });
  await before.close();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  const thief = await browser.newContext({ baseURL });
  await thief.addCookies(copied);
  // No user in the session any more (next-auth still answers the cookie's expiry).
  const sessionAfter = (await (await thief.request.get('/api/auth/session')).json()) as { user?: unknown };
  expect(sessionAfter.user).toBeUndefined();
  const stolen = await thief.newPage();
  await stolen.goto('/t/acme');
  await expect(stolen).toHaveURL(/\/sign-in/);
  await thief.close();
});

test('failed sign-ins of one account are throttled with a clear message', async ({ page }) => {
  // An account that does not exist: throttled like any other, and no demo user is locked out.
  const who = `nobody-${randomUUID().slice(0, 8)}@acme.example`;
  await page.goto('/sign-in');
  const alert = page.locator('form').getByRole('alert');
  const submit = async (password: string) => {
    await page.getByLabel('Email').fill(who);
    await page.getByLabel('Password').fill(password);
    const answered = page.waitForResponse((r) => r.url().includes('/api/auth/callback/credentials'));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await answered;
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
  };
  for (let i = 0; i < 5; i++) {
    await submit(`wrong-${i}`);
    await expect(alert).toHaveText('Wrong email or password.');
  }
  await submit('wrong-again');
  await expect(alert).toHaveText('Too many attempts, try again in 15 minutes.');
});
