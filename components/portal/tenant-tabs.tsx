'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** Section tabs of one tenant's pages; the current one is marked for screen readers too. */
export function TenantTabs({ slug, canRestore }: { slug: string; canRestore: boolean }) {
  const pathname = usePathname();
  const base = `/t/${slug}`;
  const tabs = [
    { href: base, label: 'Overview', isActive: pathname === base },
    { href: `${base}/snapshots`, label: 'Snapshots', isActive: pathname.startsWith(`${base}/snapshots`) },
    {
      href: `${base}/restores`,
      label: 'Restores',
      isActive: pathname.startsWith(`${base}/restores`) && !pathname.startsWith(`${base}/restores/new`),
    },
    ...(canRestore ? [{ href: `${base}/restores/new`, label: 'New restore', isActive: pathname.startsWith(`${base}/restores/new`) }] : []),
  ];
  return (
    <nav aria-label="Tenant sections" className="-mt-2 mb-6 overflow-x-auto border-b border-slate-200">
      <ul className="flex min-w-max gap-1">
        {tabs.map((t) => (
          <li key={t.href}>
            <Link
              href={t.href}
              aria-current={t.isActive ? 'page' : undefined}
              className={`inline-block border-b-2 px-3 py-2 text-sm font-medium ${t.isActive ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800'}`}
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
