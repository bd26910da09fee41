import 'server-only';
import { Prisma } from '@/lib/db';
import { resolveEffectivePolicy, type TEffectivePolicy, type TPolicyTemplateInput } from '@/lib/policies/effective-policy';
import { templateFromRow } from '@/lib/policies/load-effective-policy';
import { BUILT_IN_TEMPLATES, DEFAULT_TEMPLATE_NAME } from '@/lib/policies/policy-templates';

// The effective policy of many tenants at once (the reconcile pass): the template rows are read
// once, the tenants with their overrides in one query, and tenants sharing a template, overrides
// and compliance lock share one resolution. Same result as loadEffectivePolicy per tenant.

export type TPolicyTenant = { id: string; region: string; database: string };
export type TTenantPolicy = { tenant: TPolicyTenant; effective: TEffectivePolicy };

type TRow = TPolicyTenant & { retentionLockDays: number; templateId: string | null; overrides: unknown };

/** Active tenants (all, or `tenantIds`) with their effective policy; a damaged template row throws naming it. */
export async function loadEffectivePolicies(tx: Prisma.TransactionClient, args: { now: Date; tenantIds?: readonly string[] }): Promise<TTenantPolicy[]> {
  const scope = args.tenantIds ? Prisma.sql`AND t.id = ANY(${[...args.tenantIds]}::text[])` : Prisma.empty;
  const [templateRows, rows] = await Promise.all([
    tx.policyTemplate.findMany({ select: { id: true, name: true, label: true, defaults: true, bounds: true } }),
    tx.$queryRaw<TRow[]>`
      SELECT t.id, t.region, t.database, t.retention_lock_days AS "retentionLockDays", t.policy_template_id AS "templateId", p.overrides
      FROM tenants t LEFT JOIN backup_policies p ON p.tenant_id = t.id
      WHERE t.status = 'ACTIVE' ${scope}
      ORDER BY t.id`,
  ]);
  const byId = new Map<string, TPolicyTemplateInput>();
  const parsed = (row: (typeof templateRows)[number]) => {
    if (!byId.has(row.id)) byId.set(row.id, templateFromRow(row));
    return byId.get(row.id)!;
  };
  const defaultRow = templateRows.find((t) => t.name === DEFAULT_TEMPLATE_NAME);
  const fallback = defaultRow ? null : templateFromRow(BUILT_IN_TEMPLATES.find((t) => t.name === DEFAULT_TEMPLATE_NAME)!);
  const rowById = new Map(templateRows.map((t) => [t.id, t]));
  const resolved = new Map<string, TEffectivePolicy>();
  return rows.map((r) => {
    const templateRow = (r.templateId ? rowById.get(r.templateId) : undefined) ?? defaultRow;
    const template = templateRow ? parsed(templateRow) : fallback!;
    const memoKey = `${templateRow?.id ?? '-'}|${r.retentionLockDays}|${JSON.stringify(r.overrides ?? {})}`;
    let effective = resolved.get(memoKey);
    if (!effective) {
      effective = resolveEffectivePolicy({ template, overrides: r.overrides ?? {}, complianceDays: r.retentionLockDays, now: args.now });
      resolved.set(memoKey, effective);
    }
    return { tenant: { id: r.id, region: r.region, database: r.database }, effective };
  });
}
