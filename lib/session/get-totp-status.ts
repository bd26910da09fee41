import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { db } from '@/lib/db';

/** Whether the actor may enrol an authenticator app (platform roles) and whether one is enabled. */
export async function getTotpStatus(args: { actor: TActor }): Promise<{ canEnrol: boolean; enabledAt: string | null }> {
  const user = await db.user.findUnique({ where: { id: args.actor.userId }, select: { totpEnabledAt: true } });
  return { canEnrol: args.actor.platformRoles.length > 0, enabledAt: user?.totpEnabledAt?.toISOString() ?? null };
}
