import { describe, expect, it } from 'vitest';
import { diffLiveToSnapshot, flattenDelta } from './compare-documents';
import { previewOf } from './list-snapshot-documents';

describe('flattenDelta', () => {
  it('lists changed, added and removed fields with both sides, nested paths dotted', () => {
    const live = { _id: 1, status: 'paid', total: 10, note: 'x', address: { city: 'Paris', zip: '75001' } };
    const snap = { _id: 1, status: 'open', total: 10, address: { city: 'Lyon', zip: '75001' }, tags: ['a'] };
    const rows = flattenDelta(diffLiveToSnapshot(live, snap));
    expect(rows).toEqual(
      expect.arrayContaining([
        { path: 'status', kind: 'changed', live: 'paid', snapshot: 'open' },
        { path: 'note', kind: 'removed', live: 'x' },
        { path: 'address.city', kind: 'changed', live: 'Paris', snapshot: 'Lyon' },
        { path: 'tags', kind: 'added', snapshot: ['a'] },
      ]),
    );
    expect(rows).toHaveLength(4);
  });

  it('is empty for identical documents and addresses array elements by offset', () => {
    expect(flattenDelta(diffLiveToSnapshot({ a: 1 }, { a: 1 }))).toEqual([]);
    const rows = flattenDelta(diffLiveToSnapshot({ items: [1, 2, 3] }, { items: [1, 5, 3] }));
    expect(rows).toEqual(
      expect.arrayContaining([
        { path: 'items.1', kind: 'added', snapshot: 5 },
        { path: 'items.1', kind: 'removed', live: 2 },
      ]),
    );
    expect(rows).toHaveLength(2);
  });
});

describe('previews', () => {
  it('previews a document without its _id, truncated', () => {
    expect(previewOf({ _id: 1, a: 'x'.repeat(300) }, 20)).toHaveLength(20);
    expect(previewOf({ _id: 1, a: 1 })).toBe('{"a":1}');
  });
});

import { logicalCollectionName } from './get-snapshot-detail';

describe('logicalCollectionName', () => {
  it('strips the database and, for prefix tenants, the prefix', () => {
    expect(logicalCollectionName({ tenancyModel: 'DATABASE', database: 't_acme', collectionPrefix: null }, 't_acme.orders')).toBe('orders');
    expect(logicalCollectionName({ tenancyModel: 'COLLECTION_PREFIX', database: 'saas', collectionPrefix: 'globex_' }, 'saas.globex_orders')).toBe('orders');
    expect(logicalCollectionName({ tenancyModel: 'SHARED_FIELD', database: 'saas', collectionPrefix: null }, 'saas.orders')).toBe('orders');
    expect(logicalCollectionName({ tenancyModel: 'DATABASE', database: 't_acme', collectionPrefix: null }, 'orders')).toBe('orders');
  });
});
