// Where each object lives in a store. One logical repository per tenant under an opaque folder
// name (KeyProvider.opaqueTenantKey), so bucket listings reveal no tenant names.
export const FORMAT_VERSION = 1;

export type TObjectType = 'pack' | 'index' | 'manifest' | 'restore-safety' | 'oplog-segment';

export const tenantRoot = (tenantKey: string) => `tenants/${tenantKey}/`;
export const packKey = (tenantKey: string, id: string) => `tenants/${tenantKey}/packs/${id}`;
export const indexKey = (tenantKey: string, id: string) => `tenants/${tenantKey}/index/${id}`;
export const manifestKey = (tenantKey: string, snapshotId: string) => `tenants/${tenantKey}/snapshots/${snapshotId}`;
export const manifestPrefix = (tenantKey: string) => `tenants/${tenantKey}/snapshots/`;
/** Oplog segments (pitr/): `oplog/<fromTs 16 hex>-<toTs 16 hex>/<stamp>`, so listing alone gives the ranges in order. */
export const oplogSegmentPrefix = (tenantKey: string) => `tenants/${tenantKey}/oplog/`;
export const oplogSegmentKey = (tenantKey: string, range: string, id: string) => `tenants/${tenantKey}/oplog/${range}/${id}`;

/**
 * Snapshot id: `<UTC time to the ms>-<seq, 8 digits>-<8 hex>`, e.g.
 * `20260101T000000123Z-00000002-1f2e3d4c`. The seq in the name lets writers find the next seq by
 * listing alone; the manifest MAC binds the whole id, so a renamed manifest is still refused.
 */
export const SNAPSHOT_ID_RE = /^\d{8}T\d{9}Z-\d{8}-[0-9a-f]{8}$/;
export const CONTENT_ID_RE = /^[0-9a-f]{64}$/;

export function newSnapshotId(at: Date, seq: number, random: string): string {
  const stamp = at.toISOString().replace(/[-:.]/g, '');
  return `${stamp}-${String(seq).padStart(8, '0')}-${random.slice(0, 8)}`;
}

export const seqOfSnapshotId = (id: string) => Number(id.split('-')[1]);

/** The last path segment of a key: for content-addressed objects, the id the content must hash to. */
export const keyBasename = (key: string) => key.slice(key.lastIndexOf('/') + 1);
