import { describe, expect, it } from 'vitest';
import { LINEAGE_COLLECTION } from '../mongo/reserved-collections';
import type { TTenancy } from '../mongo/tenancy';
import { LINEAGE_COLLECTION as RESTORE_LINEAGE, resolveLineageNamespace } from '../restore/resolve-targets';
import { createMemoryMongoEndpoint } from '../testing/memory-mongo-endpoint';
import { createTestKit } from '../testing/test-kit';
import { runSnapshot } from './run-snapshot';

// The restore engine writes lineage records into the tenant's own database (for SHARED_FIELD
// they even carry the tenant field). They are Vaultline's bookkeeping, not tenant data: capture
// must neither read nor store them, whichever tenancy model, including during the oplog window.
const cases: [string, TTenancy][] = [
  ['DATABASE', { model: 'DATABASE', database: 't_acme' }],
  ['COLLECTION_PREFIX', { model: 'COLLECTION_PREFIX', database: 'saas_prefixed', collectionPrefix: 'globex_' }],
  ['SHARED_FIELD', { model: 'SHARED_FIELD', database: 'saas_shared', tenantField: 'tenantId', tenantValue: 'initech' }],
];

describe('capture skips the restore lineage collection', () => {
  it("uses the restore engine's own constant", () => {
    expect(RESTORE_LINEAGE).toBe(LINEAGE_COLLECTION);
  });

  it.each(cases)('%s', async (_model, tenancy) => {
    const mongo = createMemoryMongoEndpoint({ withOplog: true });
    const physical = (n: string) => (tenancy.model === 'COLLECTION_PREFIX' ? `${tenancy.collectionPrefix}${n}` : n);
    const lineage = resolveLineageNamespace(tenancy, tenancy.database);
    expect(lineage.collection).toBe(physical(LINEAGE_COLLECTION));
    const tag = tenancy.model === 'SHARED_FIELD' ? { tenantId: 'initech' } : {};
    for (let i = 0; i < 5; i++) mongo.insert(tenancy.database, physical('orders'), { _id: i, ...tag, n: i });
    mongo.insert(lineage.database, lineage.collection, { _id: 'r1:orders:x', ...tag, restoreId: 'r1' });
    // A lineage write racing the scan lands in the oplog window: it must not be replayed either.
    mongo.setDuringScan((db, coll, n) => {
      if (coll === physical('orders') && n === 2) mongo.insert(lineage.database, lineage.collection, { _id: 'r2:orders:y', ...tag, restoreId: 'r2' });
    });
    mongo.tick(5);

    const { manifest } = await runSnapshot({ tenant: { tenantId: 't1', tenancy }, endpoint: mongo.endpoint, ...createTestKit() });
    expect(manifest.collections.map((c) => c.name)).toEqual(['orders']);
    expect(manifest.stats.documents).toBe(5);
    expect(mongo.finds.filter((f) => f.collection === lineage.collection)).toEqual([]);
  });
});
