import Link from 'next/link';

export function ErrorPage({ code, title, message }: { code: string; title: string; message: string }) {
  return (
    <main className="flex min-h-full items-center justify-center p-8">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold tracking-wide text-brand-600">{code}</p>
        <h1 className="mt-2 text-2xl font-semibold text-slate-900">{title}</h1>
        <p className="mt-3 text-slate-600">{message}</p>
        <Link href="/" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Back to your home page
        </Link>
      </div>
    </main>
  );
}
