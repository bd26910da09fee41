import Link from 'next/link';

/** Previous/next links that keep the current filter in the query string. */
export function AuditPagination({
  basePath,
  query,
  page,
  pages,
  total,
}: {
  basePath: string;
  query: Record<string, string | undefined>;
  page: number;
  pages: number;
  total: number;
}) {
  const href = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
    q.set('page', String(p));
    return `${basePath}?${q.toString()}`;
  };
  const link = 'rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50';
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between gap-3 text-sm text-slate-600">
      <p>
        Page {page} of {pages} · {total} events
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className={link} href={href(page - 1)} rel="prev">
            Newer
          </Link>
        ) : (
          <span className={`${link} opacity-40`} aria-disabled="true">
            Newer
          </span>
        )}
        {page < pages ? (
          <Link className={link} href={href(page + 1)} rel="next">
            Older
          </Link>
        ) : (
          <span className={`${link} opacity-40`} aria-disabled="true">
            Older
          </span>
        )}
      </div>
    </nav>
  );
}
