import type { TActor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';

/**
 * Support staff impersonating a tenant are read-only unless their session was elevated by an
 * approver. (Defensive: reads the impersonation the auth layer may put on the actor.)
 */
export function assertTenantMayAct(actor: TActor): void {
  const imp = (actor as TActor & { impersonation?: { isElevated?: unknown } | null }).impersonation;
  if (imp && imp.isElevated !== true) throw new AppError('FORBIDDEN', 'Impersonation is read-only: this action needs an elevated session.');
}
