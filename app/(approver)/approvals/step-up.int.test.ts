// Step-up: a sensitive server action (here the real decideRestoreUndoAction, on a request id that
// does not exist: past step-up it answers NOT_FOUND) is refused with STEP_UP_REQUIRED unless the
// caller's server-side session authenticated freshly; a sign-in counts, a re-entered password
// too; platform-role users with TOTP must give a code (wrong / right / replayed), throttled like
// sign-in. The identity source is mocked as in the authorization matrix (next-auth's getServerSession).
import { randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decideRestoreUndoAction } from '@/app/(approver)/approvals/actions';
import { hashPassword } from '@/lib/auth/password';
import { db } from '@/lib/db';
import { confirmTotpEnrolment } from '@/lib/session/confirm-totp-enrolment';
import { loadActor } from '@/lib/session/get-current-actor';
import { reauthenticate } from '@/lib/session/reauthenticate';
import { createUserSession } from '@/lib/session/session-store';
import { startTotpEnrolment } from '@/lib/session/start-totp-enrolment';
import { sealTotpSecret, TOTP_PERIOD } from '@/lib/session/totp';

const session = vi.hoisted(() => ({ userId: null as string | null, sid: null as string | null }));
vi.mock('next-auth', async (importOriginal) => {
  const orig = await importOriginal<typeof import('next-auth')>();
  return { ...orig, getServerSession: vi.fn(async () => (session.userId ? { user: { id: session.userId, sid: session.sid } } : null)) };
});
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }),
  cookies: async () => ({ getAll: () => [], get: () => undefined, has: () => false }),
}));

const run = randomUUID().slice(0, 8);
const PASSWORD = 'correct horse battery';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const userIds: string[] = [];
const decide = () => decideRestoreUndoAction({ requestId: 'rr-no-such-request', decision: 'APPROVE', reason: 'checked' });
const codeAt = (msAgo: number) => generate({ secret: SECRET, epoch: Math.floor((Date.now() - msAgo) / 1000) });
/** A 6-digit code that is none of the ones accepted now (previous, current, next period). */
async function wrongCode(): Promise<string> {
  const near = new Set(await Promise.all([-1, 0, 1].map((k) => codeAt(k * TOTP_PERIOD * 1000))));
  for (let n = 0; ; n++) if (!near.has(String(n).padStart(6, '0'))) return String(n).padStart(6, '0');
}

async function approver(name: string, totp: boolean) {
  const u = await db.user.create({
    data: {
      email: `${name}-${run}@it.example`,
      name,
      passwordHash: await hashPassword(PASSWORD),
      platformRoles: { create: { role: 'APPROVER' } },
      ...(totp ? { totpSecret: sealTotpSecret(SECRET), totpEnabledAt: new Date() } : {}),
    },
  });
  userIds.push(u.id);
  return u.id;
}
async function signIn(userId: string) {
  session.userId = userId;
  session.sid = await createUserSession(userId, 'credentials');
  return { ...(await loadActor(userId))!, sessionId: session.sid };
}

beforeAll(() => vi.spyOn(console, 'error').mockImplementation(() => {}));
afterAll(async () => {
  await db.userSession.deleteMany({ where: { userId: { in: userIds } } });
  await db.platformRoleGrant.deleteMany({ where: { userId: { in: userIds } } });
  await db.user.updateMany({ where: { id: { in: userIds } }, data: { isActive: false } });
  await db.$disconnect();
});

describe('step-up before sensitive actions', () => {
  it('a fresh sign-in counts; an old one is refused with STEP_UP_REQUIRED until the password is re-entered', async () => {
    const id = await approver('paula', false);
    const actor = await signIn(id);
    expect(await decide()).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    // The session's last authentication is 11 minutes old (the window is 10).
    await db.userSession.update({ where: { id: session.sid! }, data: { steppedUpAt: new Date(Date.now() - 11 * 60_000) } });
    expect(await decide()).toMatchObject({ ok: false, code: 'STEP_UP_REQUIRED', message: expect.stringMatching(/Confirm your password/) });
    await expect(reauthenticate({ actor, input: { password: 'wrong password' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await decide()).toMatchObject({ code: 'STEP_UP_REQUIRED' });
    await reauthenticate({ actor, input: { password: PASSWORD } });
    expect(await decide()).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const rows = await db.auditEvent.findMany({
      where: { actorUserId: id, action: { startsWith: 'auth.step_up' } },
      orderBy: { id: 'asc' },
      select: { action: true },
    });
    expect(rows.map((r) => r.action)).toEqual(['auth.step_up_failed', 'auth.step_up']);
    // Another session of the same user is not stepped up by this one.
    await db.userSession.update({ where: { id: session.sid! }, data: { steppedUpAt: null } });
    session.sid = null;
    expect(await decide()).toMatchObject({ code: 'STEP_UP_REQUIRED' });
  });

  it('TOTP for platform roles: the sign-in does not count; a wrong, then a right, then the same code again', async () => {
    const id = await approver('oscar', true);
    const actor = await signIn(id);
    expect(await decide()).toMatchObject({ code: 'STEP_UP_REQUIRED' });
    await expect(reauthenticate({ actor, input: { password: PASSWORD } })).rejects.toMatchObject({ fieldErrors: { code: expect.stringMatching(/6-digit/) } });
    await expect(reauthenticate({ actor, input: { password: PASSWORD, code: await wrongCode() } })).rejects.toMatchObject({
      fieldErrors: { code: 'That code is not right.' },
    });
    expect(await decide()).toMatchObject({ code: 'STEP_UP_REQUIRED' });
    // The code of the previous period (one period of drift is accepted), then the current one.
    const earlier = await codeAt(TOTP_PERIOD * 1000);
    await reauthenticate({ actor, input: { password: PASSWORD, code: earlier } });
    expect(await decide()).toMatchObject({ code: 'NOT_FOUND' });
    await expect(reauthenticate({ actor, input: { password: PASSWORD, code: earlier } })).rejects.toMatchObject({
      fieldErrors: { code: expect.stringMatching(/used already/) },
    });
    await reauthenticate({ actor, input: { password: PASSWORD, code: await codeAt(0) } });
  });

  it('wrong codes are throttled like sign-in: after five, even the right code is refused', async () => {
    const id = await approver('rex', true);
    const actor = await signIn(id);
    const wrong = await wrongCode();
    for (let i = 0; i < 5; i++)
      await expect(reauthenticate({ actor, input: { password: PASSWORD, code: wrong } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(reauthenticate({ actor, input: { password: PASSWORD, code: await codeAt(0) } })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/Too many wrong attempts/),
    });
    expect(await decide()).toMatchObject({ code: 'STEP_UP_REQUIRED' });
  });

  it('enrolment: the secret is shown once, a first right code enables it, and from then on sign-in needs a code at step-up', async () => {
    const id = await approver('sam', false);
    const actor = await signIn(id);
    const { secret, uri, qrDataUrl } = await startTotpEnrolment({ actor });
    expect(uri).toContain(`secret=${secret}`);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const stored = await db.user.findUniqueOrThrow({ where: { id }, select: { totpPendingSecret: true, totpSecret: true } });
    expect(stored.totpPendingSecret).not.toContain(secret);
    expect(stored.totpSecret).toBeNull();
    await expect(confirmTotpEnrolment({ actor, input: { code: '12345x' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await confirmTotpEnrolment({ actor, input: { code: await generate({ secret }) } });
    await expect(startTotpEnrolment({ actor })).rejects.toMatchObject({ code: 'CONFLICT' });
    await signIn(id);
    expect(await decide()).toMatchObject({ code: 'STEP_UP_REQUIRED' });
  });
});
