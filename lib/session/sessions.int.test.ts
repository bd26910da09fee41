// Server-side sessions: a real next-auth session cookie (encoded with the app's secret, as the
// sign-in route does) is read back through getSessionUserId() — next-auth's getServerSession
// and the jwt callback, the path of every page, action and route — with only the cookie jar
// supplied by the test. Sign-out, a password change, a removed membership, a revoked
// platform role and deactivation end the session on the next request; a copied cookie is
// refused after sign-out; the absolute cap counts from the session's creation.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { encode } from 'next-auth/jwt';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { hashPassword } from '@/lib/auth/password';

const jar = vi.hoisted(() => ({ cookie: null as string | null }));
// next-auth reads next/headers through require(), out of vitest's reach: the RSC call
// getServerSession(options) is handed to next-auth's own request form with the cookie jar.
vi.mock('next-auth', async (importOriginal) => {
  const real = await importOriginal<typeof import('next-auth')>();
  const noRes = { getHeader: () => undefined, setCookie: () => undefined, setHeader: () => undefined };
  return {
    ...real,
    getServerSession: (options: unknown) =>
      (real.getServerSession as (...a: unknown[]) => Promise<unknown>)(
        {
          headers: { 'user-agent': 'sessions-test' },
          cookies: jar.cookie ? { 'next-auth.session-token': jar.cookie, '__Secure-next-auth.session-token': jar.cookie } : {},
        },
        noRes,
        options,
      ),
  };
});

const { authOptions } = await import('./options');
const { getSessionUserId } = await import('./get-current-actor');
const { TOUCH_EVERY_MS } = await import('./session-store');

const run = randomUUID().slice(0, 8);
const email = (n: string) => `${n}-${run}@it.example`;
let tenantId: string;

/** What the sign-in route does after authorize: the jwt callback with the user, then the cookie. */
async function signInAs(userId: string): Promise<string> {
  const token = await authOptions().callbacks!.jwt!({
    token: {},
    user: { id: userId },
    account: { provider: 'credentials', type: 'credentials', providerAccountId: userId },
  } as never);
  return encode({ token, secret: env().NEXTAUTH_SECRET! });
}

async function asCookie<T>(cookie: string, work: () => Promise<T>): Promise<T> {
  jar.cookie = cookie;
  try {
    return await work();
  } finally {
    jar.cookie = null;
  }
}

const sessionUser = (cookie: string) => asCookie(cookie, () => getSessionUserId());

async function newUser(name: string, extra: Record<string, unknown> = {}) {
  return (await db.user.create({ data: { email: email(name), name, passwordHash: await hashPassword('pw-one-xyz'), ...extra } })).id;
}

beforeAll(async () => {
  const t = await db.tenant.create({
    data: {
      slug: `it-sess-${run}`,
      name: `Sess ${run}`,
      region: 'test',
      costCenter: 'T',
      tenancyModel: 'SHARED_FIELD',
      database: 'it_sess',
      tenantField: 'tenantId',
      tenantValue: `it-sess-${run}`,
    },
  });
  tenantId = t.id;
});

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  await db.user.deleteMany({ where: { email: { endsWith: `${run}@it.example` } } });
  await db.tenant.deleteMany({ where: { id: tenantId } });
  await db.$disconnect();
});

describe('server-side sessions', () => {
  it('a copied cookie is refused after sign-out; another session of the same user stays', async () => {
    const id = await newUser('out');
    const cookie = await signInAs(id);
    const other = await signInAs(id);
    const copy = `${cookie}`;
    expect(await sessionUser(cookie)).toBe(id);
    // next-auth's sign-out route decodes the cookie and calls the signOut event with the token.
    const { decode } = await import('next-auth/jwt');
    const token = await decode({ token: cookie, secret: env().NEXTAUTH_SECRET! });
    await authOptions().events!.signOut!({ token: token!, session: undefined as never });
    expect(await sessionUser(copy)).toBeNull();
    expect(await sessionUser(other)).toBe(id);
    expect(await db.userSession.count({ where: { userId: id, revokedAt: { not: null }, revokeReason: 'sign-out' } })).toBe(1);
  });

  it('a password change ends every session of the user; a new sign-in works', async () => {
    const id = await newUser('pw');
    const a = await signInAs(id);
    const b = await signInAs(id);
    await db.user.update({ where: { id }, data: { passwordHash: await hashPassword('pw-two-xyz') } });
    expect(await sessionUser(a)).toBeNull();
    expect(await sessionUser(b)).toBeNull();
    expect(await sessionUser(await signInAs(id))).toBe(id);
  });

  it('a removed membership or a changed role ends the session', async () => {
    const id = await newUser('member', { memberships: { create: { tenantId, role: 'TENANT_ADMIN' } } });
    const a = await signInAs(id);
    await db.membership.updateMany({ where: { userId: id }, data: { role: 'TENANT_VIEWER' } });
    expect(await sessionUser(a)).toBeNull();
    const b = await signInAs(id);
    // Touching the row without changing the role takes nothing away.
    await db.membership.updateMany({ where: { userId: id }, data: { role: 'TENANT_VIEWER' } });
    expect(await sessionUser(b)).toBe(id);
    await db.membership.deleteMany({ where: { userId: id } });
    expect(await sessionUser(b)).toBeNull();
  });

  it('a revoked platform role ends the session; re-granting does not', async () => {
    const id = await newUser('support', { platformRoles: { create: { role: 'SUPPORT' } } });
    const a = await signInAs(id);
    await db.platformRoleGrant.updateMany({ where: { userId: id }, data: { revokedAt: new Date() } });
    expect(await sessionUser(a)).toBeNull();
    const b = await signInAs(id);
    await db.platformRoleGrant.updateMany({ where: { userId: id }, data: { revokedAt: null } });
    expect(await sessionUser(b)).toBe(id);
  });

  it('deactivation ends the session', async () => {
    const id = await newUser('deact');
    const a = await signInAs(id);
    await db.user.update({ where: { id }, data: { isActive: false } });
    expect(await sessionUser(a)).toBeNull();
  });

  it('renewal cannot pass the absolute cap, counted from the session row; last-seen is written at most once a minute', async () => {
    const id = await newUser('cap');
    const cookie = await signInAs(id);
    const row = await db.userSession.findFirstOrThrow({ where: { userId: id } });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(row.createdAt.getTime() + TOUCH_EVERY_MS / 2);
    expect(await sessionUser(cookie)).toBe(id);
    expect((await db.userSession.findUniqueOrThrow({ where: { id: row.id } })).lastSeenAt).toEqual(row.lastSeenAt);
    vi.setSystemTime(row.createdAt.getTime() + TOUCH_EVERY_MS + 1000);
    expect(await sessionUser(cookie)).toBe(id);
    expect((await db.userSession.findUniqueOrThrow({ where: { id: row.id } })).lastSeenAt.getTime()).toBeGreaterThan(row.lastSeenAt.getTime());
    // A cookie re-issued (renewed) just before the cap: the token is fresh, the session is not.
    const renewed = await encode({ token: { sub: id, sid: row.id }, secret: env().NEXTAUTH_SECRET! });
    vi.setSystemTime(row.createdAt.getTime() + env().SESSION_MAX_HOURS * 3600_000 - 1000);
    expect(await sessionUser(renewed)).toBe(id);
    vi.setSystemTime(row.createdAt.getTime() + env().SESSION_MAX_HOURS * 3600_000 + 1000);
    const late = await encode({ token: { sub: id, sid: row.id }, secret: env().NEXTAUTH_SECRET! });
    expect(await sessionUser(late)).toBeNull();
    expect(await db.userSession.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ revokeReason: 'expired' });
  });

  it('a token without a server-side session id (forged or from before this change) is refused', async () => {
    const id = await newUser('nosid');
    expect(await sessionUser(await encode({ token: { sub: id }, secret: env().NEXTAUTH_SECRET! }))).toBeNull();
    expect(await sessionUser(await encode({ token: { sub: id, sid: 'not-a-session' }, secret: env().NEXTAUTH_SECRET! }))).toBeNull();
  });
});
