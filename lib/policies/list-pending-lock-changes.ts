import 'server-only';
import { platformTenantScope, type TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { listPendingLockChangeRows, type TLockChangeItem } from './get-retention-admin';

/** Lock lowerings waiting for an approver; `isOwn` = proposed by the viewer (they cannot decide). */
export async function listPendingLockChanges(args: { actor: TActor }): Promise<(TLockChangeItem & { isOwn: boolean })[]> {
  assertCan(args.actor, 'locks.approve');
  const scope = platformTenantScope(args.actor, 'locks.approve');
  const rows = (await listPendingLockChangeRows()).filter((r) => scope === null || scope.includes(r.tenantId));
  return rows.map((r) => ({ ...r, isOwn: r.proposedById === args.actor.userId }));
}
