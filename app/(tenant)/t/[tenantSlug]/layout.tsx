import type { ReactNode } from 'react';
import { TenantTabs } from '@/components/portal/tenant-tabs';
import { mayAct } from '@/lib/auth/actor';
import { getCurrentActor } from '@/lib/session/get-current-actor';

// Pages below resolve the tenant themselves (404 for another tenant); the tabs only link, and
// offer "New restore" only to members who may request one now (not read-only support).
export default async function TenantLayout({ children, params }: { children: ReactNode; params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await params;
  const actor = await getCurrentActor();
  const membership = actor?.memberships.find((m) => m.tenantSlug === tenantSlug);
  const canRestore = !!actor && !!membership && mayAct(actor, 'restores.request', membership.tenantId);
  return (
    <>
      {membership ? <TenantTabs slug={tenantSlug} canRestore={canRestore} /> : null}
      {children}
    </>
  );
}
