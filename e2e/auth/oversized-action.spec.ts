// A server-action POST over the 1 MB body limit gets a clear 413 (before: a 500 from inside
// Next.js); one under the limit still reaches the action (which refuses the unknown action id
// in its own way, not with 413).
import { expect, test } from '@playwright/test';

const headers = { 'next-action': '0123456789abcdef0123456789abcdef01234567', 'content-type': 'text/plain;charset=UTF-8', origin: '' };

test('an action body over 1 MB is refused with 413 and a plain message', async ({ request, baseURL }) => {
  const res = await request.post('/sign-in', { headers: { ...headers, origin: baseURL! }, data: 'x'.repeat(1024 * 1024 + 1) });
  expect(res.status()).toBe(413);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('PAYLOAD_TOO_LARGE');
  expect(body.error.message).toContain('larger than 1 MB');
});

test('an action body under the limit is not refused as too large', async ({ request, baseURL }) => {
  const res = await request.post('/sign-in', { headers: { ...headers, origin: baseURL! }, data: 'x'.repeat(1000) });
  expect(res.status()).not.toBe(413);
  expect(res.status()).toBeLessThan(500);
});
