// The safety snapshot's root: per affected document the decision and, for documents the restore
// overwrites or deletes, where their pre-restore bytes sit (packs of the repository format,
// encrypted under the tenant's keys). A sealed object of its own type 'restore-safety' (AES-GCM,
// AAD binding tenant, type and restore id), so it can never pass for a manifest or vice versa;
// stored once under `tenants/<t>/restores/<restoreId>/safety`.
import { z } from 'zod';
import { EngineError, isEngineError } from '../errors/engine-error';
import { ZPackInfo } from '../format/pack-format';
import { openObject, sealObject } from '../format/sealed-object';
import type { TRepository } from '../repo/repository';
import { ZTargetNamespace } from './restore-plan';
import { restoreError } from './restore-error';

const ZAction = z.enum(['insert', 'update', 'unchanged', 'skip', 'conflict', 'delete']);

/** [idKey, action, snapshotBlobId, liveBlobId, length, pre: [packIndex, frame, offset, length] | null] */
export const ZSafetyItem = z.tuple([
  z.string(),
  ZAction,
  z.string().nullable(),
  z.string().nullable(),
  z.number().int().nonnegative(),
  z.tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int()]).nullable(),
]);
export type TSafetyItem = z.infer<typeof ZSafetyItem>;

export const ZSafetyRecord = z.strictObject({
  v: z.literal(1),
  kind: z.literal('restore-safety'),
  restoreId: z.string(),
  planHash: z.string(),
  tenantId: z.string(),
  snapshotId: z.string(),
  tenantPredicate: z.strictObject({ field: z.string(), value: z.string() }).nullable(),
  preStateFingerprint: z.string(),
  createdAt: z.string(),
  lineage: ZTargetNamespace,
  packs: z.array(ZPackInfo),
  namespaces: z.array(z.strictObject({ name: z.string(), target: ZTargetNamespace, items: z.array(ZSafetyItem) })),
});
export type TSafetyRecord = z.infer<typeof ZSafetyRecord>;

export const safetyRecordKey = (tenantKey: string, restoreId: string) => `tenants/${tenantKey}/restores/${restoreId}/safety`;

/** Stores the record if none exists; returns the stored one (an earlier attempt's, if any). */
export async function putSafetyRecord(repo: TRepository, record: TSafetyRecord): Promise<{ record: TSafetyRecord; created: boolean }> {
  const { bytes } = await sealObject({
    tenant: repo.tenant,
    keys: repo.keys,
    type: 'restore-safety',
    oid: record.restoreId,
    codec: repo.options.codec,
    plaintext: Buffer.from(JSON.stringify(record), 'utf8'),
  });
  const res = await repo.store.put(safetyRecordKey(repo.tenant.tenantKey, record.restoreId), bytes, { ifAbsent: true });
  if (res.created) return { record, created: true };
  return { record: (await readSafetyRecord(repo, record.restoreId))!, created: false };
}

/** The verified record, or null when the restore never got as far as its safety snapshot. */
export async function readSafetyRecord(repo: TRepository, restoreId: string): Promise<TSafetyRecord | null> {
  const objectKey = safetyRecordKey(repo.tenant.tenantKey, restoreId);
  let bytes: Buffer;
  try {
    bytes = await repo.store.get(objectKey);
  } catch (err) {
    if (isEngineError(err, 'OBJECT_MISSING')) return null;
    throw err;
  }
  const { plaintext } = await openObject({
    tenant: repo.tenant,
    keys: repo.keys,
    objectKey,
    bytes,
    expect: { type: 'restore-safety', oid: restoreId, contentAddressed: false },
  });
  const parsed = ZSafetyRecord.safeParse(JSON.parse(plaintext.toString('utf8')));
  if (!parsed.success) throw new EngineError('INTEGRITY_MISMATCH', `malformed safety record: ${parsed.error.message}`, { objectKey });
  const rec = parsed.data;
  if (rec.restoreId !== restoreId || rec.tenantId !== repo.tenant.tenantId) {
    throw new EngineError('INTEGRITY_MISMATCH', 'safety record names another restore or tenant', { objectKey });
  }
  return rec;
}

export async function readSafetyRecordOrThrow(repo: TRepository, restoreId: string): Promise<TSafetyRecord> {
  const rec = await readSafetyRecord(repo, restoreId);
  if (!rec) throw restoreError('SAFETY_MISSING', `no safety snapshot for restore ${restoreId}`, { restoreId });
  return rec;
}
