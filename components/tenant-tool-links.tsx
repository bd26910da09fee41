'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export type TTenantTools = { slug: string; name: string; canReadAudit: boolean };

/** Inside a tenant's pages: links to its governance pages (policy, audit log). */
export function TenantToolLinks({ tenants }: { tenants: TTenantTools[] }) {
  const pathname = usePathname();
  const current = tenants.find((t) => pathname === `/t/${t.slug}` || pathname.startsWith(`/t/${t.slug}/`));
  if (!current) return null;
  const links = [
    { href: `/t/${current.slug}/policy`, label: 'Backup policy' },
    ...(current.canReadAudit ? [{ href: `/t/${current.slug}/audit`, label: 'Audit log' }] : []),
  ];
  return (
    <nav aria-label={`${current.name} settings`} className="mt-5">
      <p className="px-3 text-xs font-semibold uppercase tracking-wide text-slate-400">{current.name}</p>
      <ul className="mt-2 space-y-1">
        {links.map((l) => {
          const active = pathname.startsWith(l.href);
          return (
            <li key={l.href}>
              <Link
                href={l.href}
                prefetch={false}
                aria-current={active ? 'page' : undefined}
                className={`block rounded-md px-3 py-2 text-sm font-medium ${active ? 'bg-brand-50 text-brand-700' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900'}`}
              >
                {l.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
