'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { TNavItem } from '@/lib/auth/actor';

export function NavLinks({ items }: { items: TNavItem[] }) {
  const pathname = usePathname();
  // The longest matching link is the current one (/approvals/elevations, not also /approvals).
  const matches = (href: string) => pathname === href || pathname.startsWith(`${href}/`);
  const current = items.filter((i) => matches(i.href)).sort((a, b) => b.href.length - a.href.length)[0]?.href ?? null;
  const sections: { key: TNavItem['section']; label: string }[] = [
    { key: 'tenant', label: 'Your tenants' },
    { key: 'platform', label: 'Platform' },
  ];
  return (
    <nav aria-label="Main" className="space-y-5">
      {sections.map(({ key, label }) => {
        const list = items.filter((i) => i.section === key);
        if (list.length === 0) return null;
        return (
          <div key={key}>
            <p className="px-3 text-xs font-semibold uppercase tracking-wide text-slate-400">{label}</p>
            <ul className="mt-2 space-y-1">
              {list.map((item) => {
                const active = item.href === current;
                return (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      aria-current={active ? 'page' : undefined}
                      className={`block rounded-md px-3 py-2 text-sm font-medium ${active ? 'bg-brand-50 text-brand-700' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900'}`}
                    >
                      {item.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
