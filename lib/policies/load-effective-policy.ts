import 'server-only';
import type { Prisma } from '@/lib/db';
import { resolveEffectivePolicy, type TEffectivePolicy, type TPolicyTemplateInput } from './effective-policy';
import { ZPolicyBounds, ZPolicyDocument } from './policy-document';
import { BUILT_IN_TEMPLATES, DEFAULT_TEMPLATE_NAME } from './policy-templates';

// Internal read for the platform's own work (scheduler, retention, GC, verification) and for the
// DAL operations that have already authorized the actor: one tenant's effective policy from its
// template row, its overrides and its compliance lock. Callers scope by the tenant they serve.

type TTemplateRow = { name: string; label: string; defaults: unknown; bounds: unknown };

/** A template row parsed (a damaged row is a clear error naming the template, never a silent default). */
export function templateFromRow(row: TTemplateRow): TPolicyTemplateInput {
  const defaults = ZPolicyDocument.safeParse(row.defaults);
  const bounds = ZPolicyBounds.safeParse(row.bounds);
  if (!defaults.success || !bounds.success) {
    const issue = (defaults.error ?? bounds.error)?.issues[0];
    throw new Error(`Policy template "${row.name}" is invalid: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return { name: row.name, label: row.label, defaults: defaults.data, bounds: bounds.data };
}

const BUILT_IN = new Map(BUILT_IN_TEMPLATES.map((t) => [t.name, t]));

/** The default template: its catalog row when seeded, the built-in values otherwise. */
async function defaultTemplate(tx: Prisma.TransactionClient): Promise<TPolicyTemplateInput> {
  const row = await tx.policyTemplate.findUnique({ where: { name: DEFAULT_TEMPLATE_NAME } });
  return templateFromRow(row ?? BUILT_IN.get(DEFAULT_TEMPLATE_NAME)!);
}

export type TPolicyContext = {
  template: TPolicyTemplateInput;
  /** The stored overrides, as stored (may be invalid after a template change: resolve says so). */
  overrides: unknown;
  complianceDays: number;
  updatedAt: Date | null;
};

/** The inputs of a tenant's effective policy: template, stored overrides, compliance lock. */
export async function loadPolicyContext(tx: Prisma.TransactionClient, tenantId: string): Promise<TPolicyContext> {
  const tenant = await tx.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { retentionLockDays: true, policyTemplate: true, backupPolicy: { select: { overrides: true, updatedAt: true } } },
  });
  const template = tenant.policyTemplate ? templateFromRow(tenant.policyTemplate) : await defaultTemplate(tx);
  return {
    template,
    overrides: tenant.backupPolicy?.overrides ?? {},
    complianceDays: tenant.retentionLockDays,
    updatedAt: tenant.backupPolicy?.updatedAt ?? null,
  };
}

export async function loadEffectivePolicy(tx: Prisma.TransactionClient, tenantId: string, now = new Date()): Promise<TEffectivePolicy> {
  const ctx = await loadPolicyContext(tx, tenantId);
  return resolveEffectivePolicy({ template: ctx.template, overrides: ctx.overrides, complianceDays: ctx.complianceDays, now });
}
