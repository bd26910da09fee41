import 'server-only';
import { assertCan } from '@/lib/auth/assert-can';
import type { TActor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { TENANT_DTO_SELECT, type TTenantDto } from './tenant-dto';

export type TTenantListItem = TTenantDto & { members: number };

/** Platform-wide tenant list, for approvers, support and platform admins. */
export async function listTenants({ actor }: { actor: TActor }): Promise<TTenantListItem[]> {
  assertCan(actor, 'tenants.list');
  const rows = await db.tenant.findMany({
    select: { ...TENANT_DTO_SELECT, _count: { select: { memberships: true } } },
    orderBy: { name: 'asc' },
  });
  return rows.map(({ _count, ...t }) => ({ ...t, members: _count.memberships }));
}
