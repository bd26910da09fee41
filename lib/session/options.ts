import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { appendAudit, recordAudit } from '@/lib/audit/append-audit';
import { db } from '@/lib/db';
import { env, isOidcEnabled } from '@/lib/env';
import { DUMMY_HASH, verifyPassword } from '@/lib/auth/password';
import { clientAddress, originFromHeaders } from '@/lib/auth/request-origin';
import { safeCallbackPath } from '@/lib/auth/safe-callback-path';
import { checkSignInThrottle, clearAccountThrottle, recordSignInFailure, retryAfterMinutes } from './sign-in-throttle';
import { checkUserSession, createUserSession, revokeUserSession } from './session-store';

const ZCredentials = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(200),
});

type TAuthRequest = { headers?: Record<string, string | string[] | undefined> } | undefined;

const originOf = (req: TAuthRequest): string => originFromHeaders(req?.headers ?? {});

/** Sign-in attempts are audited; a failure to write the event must not block or leak. */
async function auditSignIn(input: Parameters<typeof recordAudit>[1]) {
  try {
    await recordAudit(db, input);
  } catch (e) {
    console.error('audit: could not record a sign-in attempt', e);
  }
}

/** Thrown from authorize: next-auth hands the message to the sign-in form as its error code. */
export const THROTTLED_ERROR_PREFIX = 'TooManyAttempts:';

async function authorizeCredentials(raw: unknown, req?: TAuthRequest): Promise<{ id: string } | null> {
  const origin = originOf(req);
  const address = clientAddress(req?.headers ?? {});
  const parsed = ZCredentials.safeParse(raw);
  const keys = { email: parsed.success ? parsed.data.email : null, address };
  // Throttled: refused before the password is looked at; audited once per block.
  const throttled = await checkSignInThrottle(keys);
  if (throttled) {
    const minutes = retryAfterMinutes(throttled.retryAfterMs);
    if (throttled.firstRefusal) {
      await auditSignIn({
        action: AUDIT_ACTIONS.signInThrottled,
        outcome: 'DENIED',
        actorEmail: keys.email,
        metadata: { method: 'credentials', scope: throttled.scope, retryAfterMinutes: minutes },
        origin,
      });
    }
    throw new Error(`${THROTTLED_ERROR_PREFIX}${minutes}`);
  }
  if (!parsed.success) {
    const blocks = await recordSignInFailure(keys);
    await auditSignIn({
      action: AUDIT_ACTIONS.signInFailed,
      outcome: 'DENIED',
      metadata: { method: 'credentials', reason: 'invalid-input', ...(blocks.length ? { blocks } : {}) },
      origin,
    });
    return null;
  }
  const user = await db.user.findUnique({
    where: { email: parsed.data.email },
    select: { id: true, passwordHash: true, isActive: true },
  });
  const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.isActive || !user.passwordHash || !ok) {
    const reason = !user ? 'unknown-user' : !user.isActive ? 'inactive' : 'wrong-password';
    const blocks = await recordSignInFailure(keys);
    await auditSignIn({
      action: AUDIT_ACTIONS.signInFailed,
      outcome: 'DENIED',
      actorUserId: user?.id ?? null,
      actorEmail: parsed.data.email,
      metadata: { method: 'credentials', reason, ...(blocks.length ? { blocks } : {}) },
      origin,
    });
    return null;
  }
  await clearAccountThrottle(parsed.data.email);
  // The sign-in timestamp and its audit event commit together.
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    await appendAudit(tx, {
      action: AUDIT_ACTIONS.signIn,
      actorUserId: user.id,
      actorEmail: parsed.data.email,
      metadata: { method: 'credentials' },
      origin,
    });
  });
  return { id: user.id };
}

function oidcProvider() {
  const e = env();
  return {
    id: 'oidc',
    name: e.OIDC_NAME,
    type: 'oauth' as const,
    wellKnown: `${e.OIDC_ISSUER!.replace(/\/$/, '')}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID!,
    clientSecret: e.OIDC_CLIENT_SECRET!,
    authorization: { params: { scope: 'openid email profile' } },
    idToken: true,
    checks: ['pkce', 'state'] as ('pkce' | 'state')[],
    profile(profile: { sub: string; email?: string; name?: string }) {
      return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? null };
    },
  };
}

export function authOptions(): NextAuthOptions {
  const e = env();
  return {
    secret: e.NEXTAUTH_SECRET,
    // JWT sessions carry the user id and a server-side session id; roles and memberships are
    // re-read on every request.
    session: { strategy: 'jwt', maxAge: e.SESSION_IDLE_MINUTES * 60 },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: [
      CredentialsProvider({
        id: 'credentials',
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        authorize: (raw, req) => authorizeCredentials(raw, req as TAuthRequest),
      }),
      ...(isOidcEnabled(e) ? [oidcProvider()] : []),
    ],
    events: {
      async signOut({ token }) {
        // Server-side revocation: a copy of this cookie is refused from now on.
        if (typeof token?.sid === 'string') await revokeUserSession(token.sid, 'sign-out');
        const sub = typeof token?.sub === 'string' ? token.sub : null;
        if (!sub) return;
        const u = await db.user.findUnique({ where: { id: sub }, select: { email: true } });
        await auditSignIn({ action: AUDIT_ACTIONS.signOut, actorUserId: sub, actorEmail: u?.email ?? null });
      },
    },
    callbacks: {
      // After sign-in (and sign-out) only a path on this origin is followed; anything else,
      // e.g. `/\evil.example` or `//evil.example`, lands on the home page.
      async redirect({ url, baseUrl }) {
        const path = safeCallbackPath(url, baseUrl);
        return path ? `${new URL(baseUrl).origin}${path}` : baseUrl;
      },
      // OIDC users must already exist in the catalog (matched by subject, then verified email).
      async signIn({ account, profile, user }) {
        if (account?.provider !== 'oidc') return true;
        const subject = account.providerAccountId;
        const email = (profile?.email ?? user.email ?? '').toLowerCase();
        const existing = (await db.user.findUnique({ where: { oidcSubject: subject } })) ?? (email ? await db.user.findUnique({ where: { email } }) : null);
        if (!existing || !existing.isActive) {
          await auditSignIn({
            action: AUDIT_ACTIONS.signInFailed,
            outcome: 'DENIED',
            actorUserId: existing?.id ?? null,
            actorEmail: email || null,
            metadata: { method: 'oidc', reason: existing ? 'inactive' : 'unknown-user' },
          });
          return false;
        }
        await db.$transaction(async (tx) => {
          await tx.user.update({ where: { id: existing.id }, data: { lastSignInAt: new Date(), ...(existing.oidcSubject ? {} : { oidcSubject: subject }) } });
          await appendAudit(tx, { action: AUDIT_ACTIONS.signIn, actorUserId: existing.id, actorEmail: existing.email, metadata: { method: 'oidc' } });
        });
        user.id = existing.id;
        return true;
      },
      // Runs for every session read (getCurrentActor, /api/auth/session). The token names a
      // server-side session (lib/session/session-store.ts): revoked, superseded (password change,
      // role revocation, deactivation) or older than SESSION_MAX_HOURS since its creation, it is
      // over — renewing the cookie cannot extend it.
      async jwt({ token, user, account }) {
        if (user) {
          const sid = await createUserSession(user.id, account?.provider ?? 'credentials');
          return { sub: user.id, sid };
        }
        const sub = typeof token.sub === 'string' ? token.sub : null;
        const sid = typeof token.sid === 'string' ? token.sid : null;
        if (!sub || !sid) return { sub: undefined, expired: true };
        const check = await checkUserSession(sid, sub);
        if (!check.ok) return { sub: undefined, expired: true };
        return { sub, sid };
      },
      async session({ session, token }) {
        // `sid` names the server-side row (not a credential: the signed cookie is); step-up is recorded on it.
        return { expires: session.expires, user: token.sub ? { id: token.sub, sid: token.sid } : undefined } as typeof session;
      },
    },
  };
}
