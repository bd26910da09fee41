import { z } from 'zod';
import { ZTenancy } from '../mongo/tenancy';
import { CODECS } from './codec';
import { ZSegmentRef } from './index-segment';

export const ZCollectionSpec = z.object({
  type: z.string(),
  /** listCollections options (validator, collation, capped, ...) as canonical Extended JSON. */
  options: z.record(z.string(), z.unknown()),
  /** listIndexes output as canonical Extended JSON. */
  indexes: z.array(z.record(z.string(), z.unknown())),
});
export type TCollectionSpec = z.infer<typeof ZCollectionSpec>;

export const ZManifestCollection = z.object({
  /** Tenant-logical name (prefix stripped for COLLECTION_PREFIX). */
  name: z.string(),
  source: z.object({ database: z.string(), collection: z.string() }),
  spec: ZCollectionSpec,
  count: z.number().int().nonnegative(),
  /** Sum of raw BSON sizes. */
  bytes: z.number().int().nonnegative(),
  /** See format/fingerprint.ts. */
  fingerprint: z.string(),
  segments: z.array(ZSegmentRef),
  /** Relative to the parent snapshot (all `inserted` for a full snapshot). */
  delta: z.object({
    inserted: z.number().int().nonnegative(),
    updated: z.number().int().nonnegative(),
    deleted: z.number().int().nonnegative(),
    unchanged: z.number().int().nonnegative(),
  }),
  /** Id keys present in the parent but not here. */
  deletedIds: z.array(z.string()),
});
export type TManifestCollection = z.infer<typeof ZManifestCollection>;

export const ZConsistency = z.object({
  /**
   * oplog-window: scan, then replay the tenant's oplog entries of the scan window, so the data is
   * as of `consistentAt` (FerretDB). scan-only: no oplog, documents are as of some moment of the
   * scan each, not point-consistent. snapshot-read: server-side snapshot (MongoDB replica sets).
   */
  method: z.enum(['oplog-window', 'scan-only', 'snapshot-read']),
  note: z.string(),
  scanStartedAt: z.string(),
  scanEndedAt: z.string(),
  oplogFrom: z.string().optional(),
  oplogTo: z.string().optional(),
  replayed: z.object({ inserts: z.number(), updates: z.number(), deletes: z.number(), refetched: z.number() }).optional(),
});
export type TConsistency = z.infer<typeof ZConsistency>;

export const ZManifest = z.object({
  formatVersion: z.literal(1),
  tenantId: z.string(),
  tenantKey: z.string(),
  snapshotId: z.string(),
  seq: z.number().int().positive(),
  parent: z.string().nullable(),
  kind: z.enum(['full', 'incremental']),
  createdAt: z.string(),
  consistentAt: z.string(),
  consistency: ZConsistency,
  keyId: z.string(),
  codec: z.enum(CODECS),
  tenancy: ZTenancy,
  collections: z.array(ZManifestCollection),
  stats: z.object({
    documents: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
    newBlobs: z.number().int().nonnegative(),
    reusedBlobs: z.number().int().nonnegative(),
    packsWritten: z.number().int().nonnegative(),
    packBytesWritten: z.number().int().nonnegative(),
    segmentsWritten: z.number().int().nonnegative(),
    durationMs: z.number().nonnegative(),
  }),
});
export type TManifest = z.infer<typeof ZManifest>;
