import type { ReactNode } from 'react';
import { TenantTabs } from '@/components/portal/tenant-tabs';

// Pages below resolve the tenant themselves (404 for another tenant); the tabs only link.
export default async function TenantLayout({ children, params }: { children: ReactNode; params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await params;
  return (
    <>
      <TenantTabs slug={tenantSlug} />
      {children}
    </>
  );
}
