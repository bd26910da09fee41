// The restore plan: everything execution needs, as plain JSON, so the catalog can store it, the
// approver can see it and planHash can bind the approval to exactly these documents and targets.
import { z } from 'zod';
import { ZCollectionSpec } from '../format/manifest';
import { ZTenancy } from '../mongo/tenancy';
import { ZRestoreSpec } from '../restore-spec/restore-spec-schema';
import { canonicalHash } from './canonical-json';
import { restoreError } from './restore-error';

export const PLAN_HASH_DOMAIN = 'vaultline/restore-plan/v1';
export const RESTORE_ID_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export const ZTargetNamespace = z.strictObject({ database: z.string().min(1), collection: z.string().min(1) });
export type TTargetNamespace = z.infer<typeof ZTargetNamespace>;

/** [idKey, blobId, length]: one snapshot document, by its `_id` key and its (verified) blob. */
export const ZPlanDocument = z.tuple([z.string().regex(/^[0-9a-f]+$/), z.string().regex(/^[0-9a-f]{32}$/), z.number().int().nonnegative()]);
export type TPlanDocument = z.infer<typeof ZPlanDocument>;

export const ZPlanNamespace = z.strictObject({
  /** tenant-logical collection name (as in the manifest) */
  name: z.string(),
  source: ZTargetNamespace,
  target: ZTargetNamespace,
  /** selected snapshot documents, sorted by idKey, unique */
  documents: z.array(ZPlanDocument),
  /** format/fingerprint of the selected documents: what the target holds after an overwrite */
  fingerprint: z.string(),
  bytes: z.number().int().nonnegative(),
  /** the snapshot's collection spec (indexes, options), for the index diff and restoreIndexes */
  spec: ZCollectionSpec,
});
export type TPlanNamespace = z.infer<typeof ZPlanNamespace>;

export const ZRestorePlan = z.strictObject({
  version: z.literal(1),
  restoreId: z.string().regex(RESTORE_ID_RE),
  tenantId: z.string().min(1),
  snapshotId: z.string().min(1),
  /** the tenancy the snapshot was taken under (from its authenticated manifest) */
  tenancy: ZTenancy,
  tenantPredicate: z.strictObject({ field: z.string(), value: z.string() }).nullable(),
  /** the validated package: conflict policy, deleteExtraneous, restoreIndexes, target mode */
  spec: ZRestoreSpec,
  /**
   * The selection as a driver query, canonical Extended JSON, tenant predicate included. Used on
   * the live target only for deleteExtraneous; it is recompiled through the safe filter subset
   * and ANDed with the tenant predicate again before it is sent.
   */
  selectionQuery: z.string(),
  /** side collection for lineage records, in the target database */
  lineage: ZTargetNamespace,
  namespaces: z.array(ZPlanNamespace),
  totals: z.strictObject({ documents: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }),
  planHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type TRestorePlan = z.infer<typeof ZRestorePlan>;

export function hashPlan(plan: Omit<TRestorePlan, 'planHash'> & { planHash?: string }): string {
  const { planHash: _ignored, ...body } = plan;
  return canonicalHash(PLAN_HASH_DOMAIN, body);
}

/** Parses a plan (e.g. loaded from the catalog) and checks its hash: a modified plan is refused. */
export function checkPlan(raw: unknown): TRestorePlan {
  const parsed = ZRestorePlan.safeParse(raw);
  if (!parsed.success) throw restoreError('PLAN_INVALID', `malformed restore plan: ${parsed.error.message}`);
  const plan = parsed.data;
  const actual = hashPlan(plan);
  if (actual !== plan.planHash) {
    throw restoreError('PLAN_INVALID', 'restore plan does not match its planHash (modified after planning)', {
      expected: plan.planHash,
      actual,
    });
  }
  return plan;
}
