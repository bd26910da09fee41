import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { db } from '@/lib/db';
import { env, isOidcEnabled } from '@/lib/env';
import { DUMMY_HASH, verifyPassword } from './password';

const ZCredentials = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(200),
});

async function authorizeCredentials(raw: unknown): Promise<{ id: string } | null> {
  const parsed = ZCredentials.safeParse(raw);
  if (!parsed.success) return null;
  const user = await db.user.findUnique({
    where: { email: parsed.data.email },
    select: { id: true, passwordHash: true, isActive: true },
  });
  const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.isActive || !user.passwordHash || !ok) return null;
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
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
    // JWT sessions carry only the user id; roles and memberships are re-read on every request.
    session: { strategy: 'jwt', maxAge: e.SESSION_IDLE_MINUTES * 60 },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    providers: [
      CredentialsProvider({
        id: 'credentials',
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        authorize: authorizeCredentials,
      }),
      ...(isOidcEnabled(e) ? [oidcProvider()] : []),
    ],
    callbacks: {
      // OIDC users must already exist in the catalog (matched by subject, then verified email).
      async signIn({ account, profile, user }) {
        if (account?.provider !== 'oidc') return true;
        const subject = account.providerAccountId;
        const email = (profile?.email ?? user.email ?? '').toLowerCase();
        const existing =
          (await db.user.findUnique({ where: { oidcSubject: subject } })) ??
          (email ? await db.user.findUnique({ where: { email } }) : null);
        if (!existing || !existing.isActive) return false;
        if (!existing.oidcSubject) await db.user.update({ where: { id: existing.id }, data: { oidcSubject: subject } });
        user.id = existing.id;
        return true;
      },
      async jwt({ token, user }) {
        const now = Math.floor(Date.now() / 1000);
        if (user) return { sub: user.id, authTime: now };
        // Absolute lifetime: a session older than SESSION_MAX_HOURS is over, however active.
        const authTime = typeof token.authTime === 'number' ? token.authTime : 0;
        if (now - authTime > e.SESSION_MAX_HOURS * 3600) return { sub: undefined, expired: true };
        return { sub: token.sub, authTime };
      },
      async session({ session, token }) {
        return { expires: session.expires, user: token.sub ? { id: token.sub } : undefined } as typeof session;
      },
    },
  };
}
