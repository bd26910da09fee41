import { describe, expect, it } from 'vitest';
import { BSON, Decimal128, ObjectId } from 'mongodb';
import { DEMO_TENANTS } from '../demo-tenants';
import { encodeDecimals } from './decimal-encoding';
import { contextFor, generateRange } from './generate-docs';

function decimals(v: unknown): number {
  if (v instanceof Decimal128) return 1;
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + decimals(x), 0);
  if (v && typeof v === 'object' && !('_bsontype' in v) && !(v instanceof Date)) return Object.values(v).reduce((n: number, x) => n + decimals(x), 0);
  return 0;
}

describe('encodeDecimals (fallback for servers without Decimal128)', () => {
  const id = new ObjectId();
  const at = new Date('2026-01-02T03:04:05.678Z');
  const doc = { _id: id, at, price: Decimal128.fromString('1234.56'), items: [{ unitPrice: Decimal128.fromString('0.10'), qty: 3 }], n: null, tags: ['a'] };

  it('decimal128 is the identity', () => {
    expect(encodeDecimals(doc, 'decimal128')).toBe(doc);
  });

  it('double: exact numeric amounts, other BSON types untouched', () => {
    const d = encodeDecimals(doc, 'double');
    expect(d).toEqual({ _id: id, at, price: 1234.56, items: [{ unitPrice: 0.1, qty: 3 }], n: null, tags: ['a'] });
    expect(d._id).toBeInstanceOf(ObjectId);
    expect(d.at).toBeInstanceOf(Date);
    expect(doc.price).toBeInstanceOf(Decimal128); // input not mutated
  });

  it('string: canonical decimal strings', () => {
    expect(encodeDecimals(doc, 'string')).toMatchObject({ price: '1234.56', items: [{ unitPrice: '0.10' }] });
  });

  it('round-trips every generated amount exactly through a double', () => {
    for (const t of DEMO_TENANTS) {
      for (const c of Object.keys(t.collections)) {
        for (const d of generateRange(contextFor(t, 1), c, 0, 40)) {
          const enc = encodeDecimals(d, 'double');
          expect(decimals(enc)).toBe(0);
          const walk = (a: unknown, b: unknown): void => {
            if (a instanceof Decimal128) expect(Number(a.toString()).toFixed(2)).toBe((b as number).toFixed(2));
            else if (Array.isArray(a)) a.forEach((x, i) => walk(x, (b as unknown[])[i]));
            else if (a && typeof a === 'object' && !('_bsontype' in a) && !(a instanceof Date))
              for (const [k, x] of Object.entries(a)) walk(x, (b as Record<string, unknown>)[k]);
          };
          walk(d, enc);
          expect(BSON.calculateObjectSize(enc)).toBeGreaterThan(0);
        }
      }
    }
  });
});
