// Sign-in throttling through the real credentials authorize (the one next-auth calls), against
// the test catalog: per account, per client address (the peer the server recorded; a forged
// X-Forwarded-For does not give a fresh address), exponential back-off, a throttled attempt is
// refused without a password check and audited once, a successful sign-in resets the account.
// Time moves with the limiter's own clock (Date), never with sleeps.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { hashPassword } from '@/lib/auth/password';
import { PEER_HEADER } from '@/lib/auth/request-origin';
import { authOptions, THROTTLED_ERROR_PREFIX } from './options';
import { ACCOUNT_POINTS, ADDRESS_POINTS, BASE_BLOCK_SECONDS } from './sign-in-throttle';

const run = randomUUID().slice(0, 8);
const email = (n: string) => `${n}-${run}@it.example`;
const PASSWORD = 'right-password-1';
const newAddress = () => `2001:db8::${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;

type TAuthorize = (raw: unknown, req: unknown) => Promise<{ id: string } | null>;
const authorize = (authOptions().providers[0] as unknown as { options: { authorize: TAuthorize } }).options.authorize;

async function attempt(who: string, password: string, address: string, forwardedFor?: string): Promise<'ok' | 'wrong' | string> {
  const headers: Record<string, string> = { [PEER_HEADER]: address, 'user-agent': 'throttle-test' };
  if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
  try {
    return (await authorize({ email: who, password }, { headers })) ? 'ok' : 'wrong';
  } catch (e) {
    return (e as Error).message;
  }
}

const throttled = (minutes: number) => `${THROTTLED_ERROR_PREFIX}${minutes}`;
const auditCount = (action: string, actorEmail: string) => db.auditEvent.count({ where: { action, actorEmail } });

beforeAll(async () => {
  const passwordHash = await hashPassword(PASSWORD);
  await db.user.createMany({ data: ['acct', 'reset', 'addr'].map((n) => ({ email: email(n), name: n, passwordHash })) });
});

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  await db.user.deleteMany({ where: { email: { endsWith: `${run}@it.example` } } });
  await db.$disconnect();
});

describe('sign-in throttling', () => {
  it(`per account: ${ACCOUNT_POINTS} failures block it, the right password included, with one audit row; the block doubles next time`, async () => {
    const who = email('acct');
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.now();
    // Each failure from its own address: the account limit alone is at work.
    for (let i = 0; i < ACCOUNT_POINTS; i++) expect(await attempt(who, 'wrong', newAddress())).toBe('wrong');
    expect(await attempt(who, PASSWORD, newAddress())).toBe(throttled(BASE_BLOCK_SECONDS / 60));
    expect(await attempt(who, PASSWORD, newAddress())).toBe(throttled(BASE_BLOCK_SECONDS / 60));
    vi.setSystemTime(t0 + 10 * 60_000);
    expect(await attempt(who, PASSWORD, newAddress())).toBe(throttled(5));
    expect(await auditCount('auth.sign_in_failed', who)).toBe(ACCOUNT_POINTS);
    expect(await auditCount('auth.sign_in_throttled', who)).toBe(1);
    // Block over: the account may try again; the next block is twice as long.
    vi.setSystemTime(t0 + BASE_BLOCK_SECONDS * 1000 + 1000);
    for (let i = 0; i < ACCOUNT_POINTS; i++) expect(await attempt(who, 'wrong', newAddress())).toBe('wrong');
    expect(await attempt(who, PASSWORD, newAddress())).toBe(throttled((2 * BASE_BLOCK_SECONDS) / 60));
    expect(await auditCount('auth.sign_in_throttled', who)).toBe(2);
    // An unknown account is throttled the same way (no hint that it does not exist).
    const ghost = email('ghost');
    for (let i = 0; i < ACCOUNT_POINTS; i++) expect(await attempt(ghost, 'wrong', newAddress())).toBe('wrong');
    expect(await attempt(ghost, 'wrong', newAddress())).toBe(throttled(BASE_BLOCK_SECONDS / 60));
  });

  it('a successful sign-in resets the account counter', async () => {
    const who = email('reset');
    for (let i = 0; i < ACCOUNT_POINTS - 1; i++) expect(await attempt(who, 'wrong', newAddress())).toBe('wrong');
    expect(await attempt(who, PASSWORD, newAddress())).toBe('ok');
    for (let i = 0; i < ACCOUNT_POINTS - 1; i++) expect(await attempt(who, 'wrong', newAddress())).toBe('wrong');
    expect(await attempt(who, PASSWORD, newAddress())).toBe('ok');
  });

  it(`per address: ${ADDRESS_POINTS} failures over many accounts block the address, whatever X-Forwarded-For says; other addresses are not affected`, async () => {
    const address = newAddress();
    for (let i = 0; i < ADDRESS_POINTS; i++) {
      expect(await attempt(email(`spray${i}`), 'wrong', address, `203.0.113.${i + 1}`)).toBe('wrong');
    }
    expect(await attempt(email('addr'), PASSWORD, address, '198.51.100.77')).toBe(throttled(BASE_BLOCK_SECONDS / 60));
    expect(await attempt(email('addr'), PASSWORD, newAddress())).toBe('ok');
    const throttledRows = await db.auditEvent.findMany({ where: { action: 'auth.sign_in_throttled', actorEmail: email('addr') } });
    expect(throttledRows).toHaveLength(1);
    expect(throttledRows[0]!.metadata).toMatchObject({ scope: 'address' });
    expect(throttledRows[0]!.origin).toContain(`ip=${address}`);
  });
});
