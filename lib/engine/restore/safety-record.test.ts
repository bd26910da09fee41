import { describe, expect, it } from 'vitest';
import { manifestKey } from '../format/layout';
import { parseHead } from '../format/object-head';
import { openObject } from '../format/sealed-object';
import { putSafetyRecord, readSafetyRecord, safetyRecordKey, type TSafetyRecord } from './safety-record';
import { createRestoreFixture, TENANT_ID } from './testing/restore-fixture';

// The safety record is a sealed object of its own type: neither it nor a manifest can stand in
// for the other, because the type is both in the header and in the AEAD associated data.
const record = (restoreId: string, snapshotId: string): TSafetyRecord => ({
  v: 1,
  kind: 'restore-safety',
  restoreId,
  planHash: 'h'.repeat(64),
  tenantId: TENANT_ID,
  snapshotId,
  tenantPredicate: { field: 'tenantId', value: 'initech' },
  preStateFingerprint: 'f'.repeat(32),
  createdAt: new Date(0).toISOString(),
  lineage: { database: 'saas_shared', collection: '__vaultline_lineage' },
  packs: [],
  namespaces: [],
});

describe('safety record object type', () => {
  it("is stored as type 'restore-safety' and reads back", async () => {
    const f = await createRestoreFixture({ collections: { orders: 3 } });
    const rec = record('r-type', f.manifest.snapshotId);
    expect((await putSafetyRecord(f.repo, rec)).created).toBe(true);
    const bytes = await f.kit.store.get(safetyRecordKey(f.repo.tenant.tenantKey, 'r-type'));
    expect(parseHead(bytes, 'x').header).toMatchObject({ type: 'restore-safety', oid: 'r-type' });
    expect(await readSafetyRecord(f.repo, 'r-type')).toEqual(rec);
  });

  it('a safety record does not open as a manifest, nor a manifest as a safety record', async () => {
    const f = await createRestoreFixture({ collections: { orders: 3 } });
    await putSafetyRecord(f.repo, record('r-swap', f.manifest.snapshotId));
    const safetyBytes = await f.kit.store.get(safetyRecordKey(f.repo.tenant.tenantKey, 'r-swap'));
    const asManifest = openObject({ ...f.repo, objectKey: 'k', bytes: safetyBytes, expect: { type: 'manifest', contentAddressed: false } });
    await expect(asManifest).rejects.toMatchObject({ code: 'WRONG_OBJECT_KEY' });

    // A manifest copied to where a safety record belongs is refused, not parsed as one.
    const manifestBytes = await f.kit.store.get(manifestKey(f.repo.tenant.tenantKey, f.manifest.snapshotId));
    await f.kit.store.put(safetyRecordKey(f.repo.tenant.tenantKey, 'r-forged'), manifestBytes);
    await expect(readSafetyRecord(f.repo, 'r-forged')).rejects.toMatchObject({ code: 'WRONG_OBJECT_KEY' });
  });
});
