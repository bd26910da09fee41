'use client';

export default function TenantError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-6 text-sm text-red-800">
      <h2 className="text-base font-semibold">This page could not be loaded</h2>
      <p className="mt-1">Something went wrong on our side{error.digest ? ` (reference ${error.digest})` : ''}. Your data is unchanged.</p>
      <button
        type="button"
        onClick={reset}
        className="mt-3 rounded-md bg-white px-3 py-1.5 font-medium text-red-700 shadow-sm ring-1 ring-red-200 hover:bg-red-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500"
      >
        Try again
      </button>
    </div>
  );
}
