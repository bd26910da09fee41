import 'server-only';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { appendAudit } from '@/lib/audit/append-audit';
import { actorAudit } from '@/lib/audit/audit-actor';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { InputError } from '@/lib/errors';
import { ZBackupPolicyUpdate, type TBackupPolicyUpdate } from './backup-policy-schema';

/**
 * A tenant admin changes their tenant's backup schedule and retention (within platform limits).
 * Refused for viewers, other tenants, and support impersonating without an approved elevation.
 * The change and its audit event (old → new per field) commit together.
 */
export async function updateBackupPolicy(args: { actor: TActor; tenantId: string; input: TBackupPolicyUpdate; origin?: string | null }) {
  assertCan(args.actor, 'policies.update', args.tenantId);
  const parsed = ZBackupPolicyUpdate.safeParse(args.input);
  if (!parsed.success) throw new InputError(parsed.error.issues);
  const next = parsed.data;
  return db.$transaction(async (tx) => {
    const before = await tx.backupPolicy.findUnique({ where: { tenantId: args.tenantId } });
    const saved = await tx.backupPolicy.upsert({
      where: { tenantId: args.tenantId },
      create: { tenantId: args.tenantId, ...next },
      update: next,
    });
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(next) as (keyof typeof next)[]) {
      const from = before ? before[key] : null;
      if (from !== next[key]) changes[key] = { from, to: next[key] };
    }
    await appendAudit(
      tx,
      actorAudit(args.actor, {
        action: AUDIT_ACTIONS.policyUpdated,
        tenantId: args.tenantId,
        targetType: 'backup_policy',
        targetId: saved.id,
        metadata: { changes },
        origin: args.origin ?? null,
      }),
    );
    return { updatedAt: saved.updatedAt.toISOString(), changed: Object.keys(changes) };
  });
}
