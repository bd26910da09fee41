import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/app/(auth)/sign-in/sign-in-form';
import { homePathFor } from '@/lib/auth/actor';
import { getCurrentActor } from '@/lib/session/get-current-actor';
import { safeCallbackPath } from '@/lib/auth/safe-callback-path';
import { env, isOidcEnabled } from '@/lib/env';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const actor = await getCurrentActor();
  if (actor) redirect(safeCallbackPath(params.callbackUrl) ?? homePathFor(actor));
  const error = Array.isArray(params.error) ? params.error[0] : params.error;
  return (
    <main className="flex min-h-full items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 p-6">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <div className="mx-auto flex h-11 w-11 items-center justify-center rounded-xl bg-brand-600 text-lg font-bold text-white">V</div>
          <h1 className="mt-4 text-xl font-semibold text-slate-900">Sign in to Vaultline</h1>
          <p className="mt-1 text-sm text-slate-500">Backups and restores of your tenant&apos;s data</p>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <SignInForm callbackUrl={safeCallbackPath(params.callbackUrl) ?? '/'} initialError={error} oidcName={isOidcEnabled() ? env().OIDC_NAME : undefined} />
        </div>
      </div>
    </main>
  );
}
