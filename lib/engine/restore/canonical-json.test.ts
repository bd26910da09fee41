import { describe, expect, it } from 'vitest';
import { ObjectId } from 'mongodb';
import { canonicalHash, canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('is independent of key order and drops only undefined', () => {
    expect(canonicalJson({ b: [1, { y: 2, x: 'a' }], a: null, c: undefined })).toBe('{"a":null,"b":[1,{"x":"a","y":2}]}');
    expect(canonicalHash('d', { a: 1, b: 2 })).toBe(canonicalHash('d', { b: 2, a: 1 }));
    expect(canonicalHash('d', { a: 1 })).not.toBe(canonicalHash('e', { a: 1 }));
  });

  it('refuses values JSON would silently coerce', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ id: new ObjectId() })).toThrow(/unsupported value at \$\.id/);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(/unsupported/);
  });
});
