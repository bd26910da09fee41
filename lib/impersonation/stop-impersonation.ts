import type { TActor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import { endImpersonationSession } from './end-impersonation-session';

/** Support ends their own open session (always allowed: stopping is never a tenant mutation). */
export async function stopImpersonation(args: { actor: TActor; origin?: string | null }): Promise<{ stopped: boolean }> {
  const imp = args.actor.impersonation;
  if (!imp) throw new AppError('CONFLICT', 'You are not impersonating anyone.');
  const stopped = await endImpersonationSession({ sessionId: imp.id, reason: 'stopped', actor: args.actor, origin: args.origin });
  return { stopped };
}
