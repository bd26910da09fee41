import type { ReactNode } from 'react';
import { AppShell } from '@/app/_components/app-shell';
import { requirePageActor } from '@/lib/session/guards';

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  return <AppShell actor={actor}>{children}</AppShell>;
}
