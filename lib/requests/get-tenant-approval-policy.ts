import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { loadTenantApprovalPolicy, type TApprovalPolicy } from './approval-policy';

/** The approvals a tenant's restores need, for members building one (shown before submitting). */
export async function getTenantApprovalPolicy(args: { actor: TActor; tenantId: string }): Promise<TApprovalPolicy> {
  assertCan(args.actor, 'restores.read', args.tenantId);
  return loadTenantApprovalPolicy(db, args.tenantId);
}
