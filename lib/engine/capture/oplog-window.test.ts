import { BSON } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../read/read-document';
import { createRepository } from '../repo/repository';
import { matches } from '../testing/match-filter';
import { createMemoryMongoEndpoint } from '../testing/memory-mongo-endpoint';
import { createTestKit } from '../testing/test-kit';
import { runSnapshot } from './run-snapshot';

const SMALL = { targetPackBytes: 16 * 1024, frameBytes: 4 * 1024, entriesPerSegment: 64 };

function sharedWorld() {
  const mongo = createMemoryMongoEndpoint({ withOplog: true });
  for (let i = 0; i < 100; i++) {
    mongo.insert('saas_shared', 'orders', { _id: `i-${i}`, tenantId: 'initech', n: i });
    mongo.insert('saas_shared', 'orders', { _id: `r-${i}`, tenantId: 'initrode', n: i });
  }
  return mongo;
}
const initech = {
  tenantId: 'initech',
  tenancy: { model: 'SHARED_FIELD' as const, database: 'saas_shared', tenantField: 'tenantId', tenantValue: 'initech' },
};

describe('oplog-window consistency', () => {
  it('re-applies changes made during the scan, so the snapshot is the state at the window end', async () => {
    const mongo = sharedWorld();
    mongo.tick();
    mongo.setDuringScan((db, coll, yielded) => {
      if (coll !== 'orders' || yielded !== 10) return;
      mongo.replace('saas_shared', 'orders', { _id: 'i-2', tenantId: 'initech', n: 2, changed: true }); // already scanned
      mongo.remove('saas_shared', 'orders', 'i-3'); // already scanned
      mongo.remove('saas_shared', 'orders', 'r-50'); // another tenant's: must not matter
      mongo.insert('saas_shared', 'orders', { _id: 'i-new', tenantId: 'initech', n: 1000 });
      mongo.insert('saas_shared', 'orders', { _id: 'r-new', tenantId: 'initrode', n: 1000 });
    });
    const kit = createTestKit();
    const { manifest } = await runSnapshot({ tenant: initech, endpoint: mongo.endpoint, ...kit, options: SMALL });
    mongo.setDuringScan(null);
    expect(manifest.consistency.method).toBe('oplog-window');
    expect(manifest.consistency.replayed).toMatchObject({ deletes: 1, refetched: 0 });
    const orders = manifest.collections[0]!;
    expect(orders.count).toBe(100); // 100 - i-3 + i-new

    const repo = await createRepository({ tenantId: 'initech', ...kit });
    const read = (id: string) => readDocument({ repo, snapshot: manifest, collection: 'orders', id }).then((r) => r?.doc ?? null);
    expect(await read('i-2')).toEqual({ _id: 'i-2', tenantId: 'initech', n: 2, changed: true });
    expect(await read('i-3')).toBeNull();
    expect(await read('i-new')).toMatchObject({ n: 1000 });
    expect(await read('r-1')).toBeNull();
  });

  it('never issues a read on tenant data without the tenant predicate (SHARED_FIELD)', async () => {
    const mongo = sharedWorld();
    mongo.setDuringScan((_db, _coll, yielded) => {
      if (yielded === 5) mongo.replace('saas_shared', 'orders', { _id: 'r-1', tenantId: 'initrode', n: -1 });
    });
    await runSnapshot({ tenant: initech, endpoint: mongo.endpoint, ...createTestKit(), options: SMALL });
    expect(mongo.finds.length).toBeGreaterThan(3);
    for (const f of mongo.finds) {
      const candidates = f.collection === 'oplog.rs' ? mongo.oplog : [];
      if (f.collection === 'orders') {
        expect(JSON.stringify(f.filter)).toContain('"tenantId":"initech"');
        expect(matches({ _id: 'x', tenantId: 'initrode' }, f.filter)).toBe(false);
      } else if (f.options?.projection) {
        expect(f.options.projection).toEqual({ ts: 1, _id: 0 });
      } else {
        // Every oplog entry such a query can match is about an initech document.
        for (const raw of candidates) {
          const e = BSON.deserialize(raw);
          if (!matches(e, f.filter)) continue;
          const doc = e.op === 'u' ? e.o.$set : e.o;
          if (e.op !== 'd') expect(doc.tenantId).toBe('initech');
          else expect(String(doc._id)).toMatch(/^i-/);
        }
      }
    }
  });

  it('falls back to scan-only when the capped oplog rolled past the window start during the scan', async () => {
    const mongo = sharedWorld();
    mongo.tick(5);
    mongo.setDuringScan((_db, _coll, yielded) => {
      if (yielded !== 3) return;
      mongo.tick();
      mongo.insert('saas_shared', 'orders', { _id: 'i-late', tenantId: 'initech' });
      mongo.dropOldestOplog(mongo.oplog.length - 1); // all but the newest entry
    });
    const { manifest } = await runSnapshot({ tenant: initech, endpoint: mongo.endpoint, ...createTestKit(), options: SMALL });
    expect(manifest.consistency.method).toBe('scan-only');
    expect(manifest.consistency.note).toMatch(/rolled over/);
  });

  it('falls back to scan-only, and says so, when the server has no oplog', async () => {
    const mongo = createMemoryMongoEndpoint();
    mongo.insert('t_x', 'a', { _id: 1 });
    const { manifest } = await runSnapshot({
      tenant: { tenantId: 'x', tenancy: { model: 'DATABASE', database: 't_x' } },
      endpoint: mongo.endpoint,
      ...createTestKit(),
      options: SMALL,
    });
    expect(manifest.consistency.method).toBe('scan-only');
    expect(manifest.consistency.note).toMatch(/not point-consistent/);
  });
});
