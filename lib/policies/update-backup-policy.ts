import 'server-only';
import { AUDIT_ACTIONS } from '@/lib/audit/actions';
import { appendAudit } from '@/lib/audit/append-audit';
import { actorAudit } from '@/lib/audit/audit-actor';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db, type Prisma } from '@/lib/db';
import { InputError } from '@/lib/errors';
import { overridesOfUpdate, ZBackupPolicyUpdate, type TBackupPolicyUpdate } from './backup-policy-schema';
import { resolveEffectivePolicy } from './effective-policy';
import { loadPolicyContext } from './load-effective-policy';
import { POLICY_LEAVES, readLeaf, ZPolicyOverrides, type TPolicyLeaf, type TPolicyOverrides } from './policy-document';

/** Drops empty sections so that equal policies are stored (and compared) alike. */
function canonical(overrides: TPolicyOverrides): TPolicyOverrides {
  const out: Record<string, unknown> = {};
  for (const [section, part] of Object.entries(overrides)) {
    const kept = Object.fromEntries(Object.entries(part ?? {}).filter(([, v]) => v !== undefined));
    if (Object.keys(kept).length) out[section] = kept;
  }
  return out as TPolicyOverrides;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A tenant admin replaces their tenant's policy overrides (from the form or raw JSON/YAML). The
 * whole document is resolved against the tenant's template first: any problem (unknown key, bad
 * cron or time zone, a value outside the template's bounds) refuses the save with field errors
 * keyed by leaf, and nothing is stored. The change and its audit event (overrides before → after)
 * commit together. Refused for viewers, other tenants, and read-only impersonation.
 */
export async function updateBackupPolicy(args: { actor: TActor; tenantId: string; input: TBackupPolicyUpdate; origin?: string | null; now?: Date }) {
  assertCan(args.actor, 'policies.update', args.tenantId);
  const parsed = ZBackupPolicyUpdate.safeParse(args.input);
  if (!parsed.success) throw new InputError(parsed.error.issues);
  const raw = overridesOfUpdate(parsed.data);
  if (!raw.ok) throw new InputError([{ path: [raw.field], message: raw.message }]);
  const now = args.now ?? new Date();
  return db.$transaction(async (tx) => {
    // Serialize concurrent saves of one tenant's policy (the audit's "before" is then exact).
    await tx.$queryRaw`SELECT id FROM tenants WHERE id = ${args.tenantId} FOR UPDATE`;
    const ctx = await loadPolicyContext(tx, args.tenantId);
    const eff = resolveEffectivePolicy({ template: ctx.template, overrides: raw.overrides, complianceDays: ctx.complianceDays, now });
    if (eff.problems.length) {
      // One message per leaf (several problems of one leaf, e.g. unknown keys, are joined).
      const byLeaf = new Map<string, string[]>();
      for (const p of eff.problems) byLeaf.set(p.leaf, [...(byLeaf.get(p.leaf) ?? []), p.message]);
      throw new InputError(
        [...byLeaf].map(([leaf, messages]) => ({ path: [leaf], message: messages.join('; ') })),
        `The policy was not saved: ${eff.problems.map((p) => `${p.leaf}: ${p.message}`).join('; ')}`,
      );
    }
    const after = canonical(ZPolicyOverrides.parse(raw.overrides));
    const before = ctx.overrides;
    const changed: TPolicyLeaf[] = POLICY_LEAVES.filter((leaf) => !same(readLeaf(before, leaf), readLeaf(after, leaf)));
    const saved = await tx.backupPolicy.upsert({
      where: { tenantId: args.tenantId },
      create: { tenantId: args.tenantId, overrides: after as Prisma.InputJsonValue },
      update: { overrides: after as Prisma.InputJsonValue },
    });
    await appendAudit(
      tx,
      actorAudit(args.actor, {
        action: AUDIT_ACTIONS.policyUpdated,
        tenantId: args.tenantId,
        targetType: 'backup_policy',
        targetId: saved.id,
        metadata: { before: before as Prisma.InputJsonValue, after: after as Prisma.InputJsonValue, changed, template: ctx.template.name },
        origin: args.origin ?? null,
      }),
    );
    return { updatedAt: saved.updatedAt.toISOString(), changed };
  });
}
