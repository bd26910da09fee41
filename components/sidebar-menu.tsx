'use client';

import { usePathname } from 'next/navigation';
import { useId, useState, type ReactNode } from 'react';

/**
 * The sidebar's links: always shown from the md breakpoint; on a phone behind a "Menu" button, so
 * the page starts at its content, and closed again after following a link.
 */
export function SidebarMenu({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const id = useId();
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt === pathname; // a navigation closes it
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpenAt(open ? null : pathname)}
        className="absolute right-4 top-3.5 inline-flex items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 md:hidden"
      >
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
          {open ? <path d="M5.3 4.3 10 9l4.7-4.7 1 1L11 10l4.7 4.7-1 1L10 11l-4.7 4.7-1-1L9 10 4.3 5.3z" /> : <path d="M3 5h14v2H3zm0 4h14v2H3zm0 4h14v2H3z" />}
        </svg>
        Menu
      </button>
      <div id={id} data-testid="sidebar-menu" className={`${open ? 'block' : 'hidden'} px-2 pb-4 md:block`}>
        {children}
      </div>
    </>
  );
}
