import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';

export type TBackupPolicyDto = {
  schedule: string;
  retentionDays: number;
  fullEvery: number;
  maxOnDemandPerDay: number;
  pitrEnabled: boolean;
  approvalsLowRisk: number;
  approvalsHighRisk: number;
  updatedAt: string | null;
};

const DEFAULTS = {
  schedule: '0 2 * * *',
  retentionDays: 30,
  fullEvery: 7,
  maxOnDemandPerDay: 4,
  pitrEnabled: false,
  approvalsLowRisk: 1,
  approvalsHighRisk: 2,
};

/** The tenant's backup policy (defaults when none is stored yet). `tenantId` from getTenantForActorOrThrow. */
export async function getBackupPolicy(args: { actor: TActor; tenantId: string }): Promise<TBackupPolicyDto> {
  assertCan(args.actor, 'tenant.read', args.tenantId);
  const p = await db.backupPolicy.findUnique({ where: { tenantId: args.tenantId } });
  if (!p) return { ...DEFAULTS, updatedAt: null };
  return {
    schedule: p.schedule,
    retentionDays: p.retentionDays,
    fullEvery: p.fullEvery,
    maxOnDemandPerDay: p.maxOnDemandPerDay,
    pitrEnabled: p.pitrEnabled,
    approvalsLowRisk: p.approvalsLowRisk,
    approvalsHighRisk: p.approvalsHighRisk,
    updatedAt: p.updatedAt.toISOString(),
  };
}
