import type { Metadata } from 'next';
import Link from 'next/link';
import { SignOutButton } from '@/components/sign-out-button';

export const metadata: Metadata = { title: 'Sign out' };

export default function SignOutPage() {
  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 text-center shadow-sm">
        <h1 className="text-lg font-semibold">Sign out of Vaultline?</h1>
        <div className="mt-5 flex justify-center gap-3">
          <Link href="/" className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100">
            Cancel
          </Link>
          <SignOutButton className="bg-brand-600 text-white hover:bg-brand-700 hover:text-white" />
        </div>
      </div>
    </main>
  );
}
