import { redirect } from 'next/navigation';
import { homePathFor } from '@/lib/auth/actor';
import { getCurrentActor } from '@/lib/session/get-current-actor';

export default async function Home() {
  const actor = await getCurrentActor();
  redirect(actor ? homePathFor(actor) : '/sign-in');
}
