import { queryOptions } from '@tanstack/react-query';
import type { TTenantDataSummary } from '@/lib/tenants/get-tenant-data-summary';

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!res.ok) throw new Error(body?.error?.message ?? `Request failed (${res.status})`);
  return body as T;
}

export const tenantSummaryQuery = (slug: string) =>
  queryOptions({
    queryKey: ['tenants', slug, 'summary'],
    queryFn: () => getJson<TTenantDataSummary>(`/api/tenants/${encodeURIComponent(slug)}/summary`),
  });
