/** A plain GET form: the filter lives in the URL, so it can be shared and paged. */
export function AuditFilterForm({
  action,
  tenants,
  values,
  error,
}: {
  action: string;
  tenants?: { slug: string; name: string }[];
  values: { tenant?: string; from?: string; to?: string };
  error?: string | null;
}) {
  const field = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:ring-brand-500';
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-3" aria-label="Filter audit events">
      {tenants ? (
        <div>
          <label htmlFor="audit-tenant" className="block text-xs font-medium text-slate-600">
            Tenant
          </label>
          <select id="audit-tenant" name="tenant" defaultValue={values.tenant ?? ''} className={field}>
            <option value="">All tenants and platform events</option>
            {tenants.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div>
        <label htmlFor="audit-from" className="block text-xs font-medium text-slate-600">
          From (UTC)
        </label>
        <input id="audit-from" name="from" type="date" defaultValue={values.from ?? ''} className={field} />
      </div>
      <div>
        <label htmlFor="audit-to" className="block text-xs font-medium text-slate-600">
          To (UTC, inclusive)
        </label>
        <input id="audit-to" name="to" type="date" defaultValue={values.to ?? ''} className={field} />
      </div>
      <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">
        Apply
      </button>
      {error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}

export function exportHref(format: 'csv' | 'jsonl', q: { tenant?: string; from?: string; to?: string }): string {
  const p = new URLSearchParams({ format });
  for (const [k, v] of Object.entries(q)) if (v) p.set(k, v);
  return `/api/audit/export?${p.toString()}`;
}
