import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert-can';
import { db } from '@/lib/db';
import { decideRetention, RETENTION_ROW_SELECT } from '@/lib/lifecycle/decide-retention';
import { resolveEffectivePolicy, type TPolicyProblem } from '@/lib/policies/effective-policy';
import { loadPolicyContext } from '@/lib/policies/load-effective-policy';

export type TRetentionPreviewItem = { id: string; seq: number; at: string; kind: 'FULL' | 'INCREMENTAL'; reasons: string[] };

export type TRetentionPreview = {
  /** Overrides that the save would refuse; the preview then shows the policy as it would fall back. */
  problems: TPolicyProblem[];
  /** Snapshots this policy would expire now that are not expired yet (what a save changes). */
  expire: (TRetentionPreviewItem & { alsoUnderCurrentPolicy: boolean })[];
  /** Snapshots it keeps, with why. */
  keep: TRetentionPreviewItem[];
  evaluatedAt: string;
};

/**
 * What a proposed policy (the tenant's overrides as the editor has them) would expire, from the
 * catalog only: the same decideRetention the retention pass runs, over the tenant's snapshot rows.
 * `alsoUnderCurrentPolicy` marks snapshots the stored policy expires at its next pass anyway.
 */
export async function previewRetention(args: { actor: TActor; tenantId: string; overrides: unknown; now?: Date }): Promise<TRetentionPreview> {
  assertCan(args.actor, 'tenant.read', args.tenantId);
  const now = args.now ?? new Date();
  const [ctx, rows] = await Promise.all([
    loadPolicyContext(db, args.tenantId),
    db.snapshot.findMany({ where: { tenantId: args.tenantId }, select: { ...RETENTION_ROW_SELECT, seq: true }, orderBy: { seq: 'desc' } }),
  ]);
  const proposed = resolveEffectivePolicy({ template: ctx.template, overrides: args.overrides, complianceDays: ctx.complianceDays, now });
  const current = resolveEffectivePolicy({ template: ctx.template, overrides: ctx.overrides, complianceDays: ctx.complianceDays, now });
  const next = decideRetention({ rows, policy: proposed, now });
  const expiredNow = new Set(decideRetention({ rows, policy: current, now }).newlyExpired);
  const newly = new Set(next.newlyExpired);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const item = (id: string, reasons: string[]): TRetentionPreviewItem => {
    const r = byId.get(id)!;
    return { id, seq: r.seq, at: (r.consistentAt ?? r.startedAt).toISOString(), kind: r.kind, reasons };
  };
  const expire: TRetentionPreview['expire'] = [];
  const keep: TRetentionPreviewItem[] = [];
  for (const d of next.decisions) {
    if (newly.has(d.id)) expire.push({ ...item(d.id, d.reasons), alsoUnderCurrentPolicy: expiredNow.has(d.id) });
    else if (d.keep) keep.push(item(d.id, d.reasons));
  }
  const bySeq = (a: TRetentionPreviewItem, b: TRetentionPreviewItem) => b.seq - a.seq;
  return { problems: proposed.problems, expire: expire.sort(bySeq), keep: keep.sort(bySeq), evaluatedAt: now.toISOString() };
}
