import Link from 'next/link';
import type { ReactNode } from 'react';
import { can, navigationFor, type TActor } from '@/lib/auth/actor';
import { ImpersonationBanner } from './impersonation-banner';
import { StepUpProvider } from './step-up-provider';
import { NavLinks } from '@/components/nav-links';
import { TenantToolLinks } from '@/components/tenant-tool-links';
import { SidebarMenu } from '@/components/sidebar-menu';
import { SignOutButton } from '@/components/sign-out-button';

const ROLE_LABEL: Record<string, string> = { APPROVER: 'Approver', SUPPORT: 'Support', PLATFORM_ADMIN: 'Platform admin' };

export function AppShell({ actor, children }: { actor: TActor; children: ReactNode }) {
  const roles = actor.platformRoles.map((r) => ROLE_LABEL[r] ?? r);
  const imp = actor.impersonation;
  return (
    <>
      {imp ? (
        <ImpersonationBanner
          tenantName={imp.tenantName}
          tenantSlug={imp.tenantSlug}
          targetEmail={imp.targetEmail}
          ticketRef={imp.ticketRef}
          expiresAt={imp.expiresAt}
          isElevated={imp.isElevated}
          elevationStatus={imp.elevationStatus}
        />
      ) : null}
      <div className="min-h-full md:flex">
        <aside className="relative border-b border-slate-200 bg-white md:min-h-screen md:w-60 md:shrink-0 md:border-r md:border-b-0">
          <div className="flex items-center gap-2 px-5 py-4">
            <span className="flex h-8 w-8 items-center justify-center rounded-lg bg-brand-600 font-bold text-white">V</span>
            <Link href="/" className="text-base font-semibold text-slate-900">
              Vaultline
            </Link>
          </div>
          <SidebarMenu>
            <NavLinks items={navigationFor(actor)} />
            <TenantToolLinks
              tenants={actor.memberships.map((m) => ({ slug: m.tenantSlug, name: m.tenantName, canReadAudit: can(actor, 'audit.read', m.tenantId) }))}
            />
          </SidebarMenu>
        </aside>
        <div className="min-w-0 flex-1">
          <header className="flex items-center justify-end gap-3 border-b border-slate-200 bg-white px-6 py-3">
            <div className="text-right" data-testid="current-user">
              <p className="text-sm font-medium text-slate-800">{actor.name}</p>
              <p className="text-xs text-slate-500">
                {actor.email}
                {roles.length ? ` · ${roles.join(', ')}` : ''}
              </p>
            </div>
            {actor.platformRoles.length > 0 ? (
              <Link href="/account/security" className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900">
                Security
              </Link>
            ) : null}
            <SignOutButton />
          </header>
          <main className="mx-auto max-w-6xl p-6">
            <StepUpProvider askCode={actor.platformRoles.length > 0}>{children}</StepUpProvider>
          </main>
        </div>
      </div>
    </>
  );
}
