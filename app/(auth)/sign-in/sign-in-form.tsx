'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { safeCallbackPath } from '@/lib/auth/safe-callback-path';

const ERRORS: Record<string, string> = {
  CredentialsSignin: 'Wrong email or password.',
  AccessDenied: 'This account has no access to Vaultline. Ask a platform administrator.',
  SessionRequired: 'Sign in to continue.',
};

/** next-auth's error code → the message shown; `TooManyAttempts:<minutes>` comes from the sign-in throttle. */
function errorMessage(code: string | undefined, fallback: string): string {
  const throttled = /^TooManyAttempts:(\d+)$/.exec(code ?? '');
  if (throttled) {
    const n = Number(throttled[1]);
    return `Too many attempts, try again in ${n} minute${n === 1 ? '' : 's'}.`;
  }
  return ERRORS[code ?? ''] ?? fallback;
}

export function SignInForm({ callbackUrl: requested, initialError, oidcName }: { callbackUrl: string; initialError?: string; oidcName?: string }) {
  const router = useRouter();
  // Same-origin paths only, whoever rendered this form (see lib/auth/safe-callback-path.ts).
  const callbackUrl = safeCallbackPath(requested) ?? '/';
  const [error, setError] = useState<string | null>(initialError ? errorMessage(initialError, 'Sign-in failed. Try again.') : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    try {
      const res = await signIn('credentials', {
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        redirect: false,
        callbackUrl,
      });
      if (!res || res.error) {
        setError(errorMessage(res?.error ?? undefined, 'Wrong email or password.'));
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError('The sign-in service is not reachable. Try again in a moment.');
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-5">
      <form onSubmit={onSubmit} className="space-y-4" noValidate={false}>
        <div>
          <label htmlFor="email" className="block text-sm font-medium text-slate-700">
            Email
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:ring-brand-500"
          />
        </div>
        <div>
          <label htmlFor="password" className="block text-sm font-medium text-slate-700">
            Password
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:ring-brand-500"
          />
        </div>
        {error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
        >
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {oidcName ? (
        <button
          type="button"
          onClick={() => void signIn('oidc', { callbackUrl })}
          className="w-full rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          Continue with {oidcName}
        </button>
      ) : null}
    </div>
  );
}
