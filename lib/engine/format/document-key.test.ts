import fc from 'fast-check';
import { BSON, Long, ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { blobIdOf, fieldKeyFromRaw, idFromKey, idKeyFromRaw, idKeyOf, valueKeyOf } from './document-key';

describe('document keys', () => {
  it('extracts the _id wherever it sits, without decoding, and agrees with idKeyOf', () => {
    const id = new ObjectId();
    const raw = BSON.serialize({ a: { nested: [1, 2] }, _id: id, tenantId: 'x' });
    expect(idKeyFromRaw(raw)).toBe(idKeyOf(id));
    expect(fieldKeyFromRaw(raw, 'tenantId')).toBe(valueKeyOf('x'));
    expect(fieldKeyFromRaw(raw, 'tenantId')).not.toBe(valueKeyOf('y'));
    expect(fieldKeyFromRaw(raw, 'missing')).toBeNull();
  });

  it('round-trips _id values through their key', () => {
    const id = new ObjectId();
    expect((idFromKey(idKeyOf(id)) as ObjectId).equals(id)).toBe(true);
    expect(idFromKey(idKeyOf('order-17'))).toBe('order-17');
    expect(idFromKey(idKeyOf(42))).toBe(42);
    expect(String(idFromKey(idKeyOf(Long.fromString('9007199254740993'))))).toBe('9007199254740993');
    expect(idFromKey(idKeyOf({ a: 1, b: 'x' }))).toEqual({ a: 1, b: 'x' });
  });

  it('orders ObjectIds by their bytes, so keys sort like the ids', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 12, maxLength: 12 }), fc.uint8Array({ minLength: 12, maxLength: 12 }), (a, b) => {
        const ka = idKeyOf(new ObjectId(a));
        const kb = idKeyOf(new ObjectId(b));
        expect(Math.sign(ka.localeCompare(kb, 'en'))).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
      }),
    );
  });

  it('keys blob ids per tenant secret, collection, id and bytes', () => {
    const raw = BSON.serialize({ _id: 1, v: 'same' });
    const k = idKeyFromRaw(raw);
    const a = blobIdOf(Buffer.alloc(32, 1), 'orders', k, raw);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(blobIdOf(Buffer.alloc(32, 2), 'orders', k, raw)).not.toBe(a);
    expect(blobIdOf(Buffer.alloc(32, 1), 'invoices', k, raw)).not.toBe(a);
    expect(blobIdOf(Buffer.alloc(32, 1), 'orders', k, BSON.serialize({ _id: 1, v: 'diff' }))).not.toBe(a);
    expect(blobIdOf(Buffer.alloc(32, 1), 'orders', k, raw)).toBe(a);
  });
});
