import { Binary, BSONRegExp, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'mongodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareBson, compareUtf8 } from './compare-bson';
import { compareNumbers } from './compare-numbers';

const D = (s: string) => Decimal128.fromString(s);

describe('compareNumbers', () => {
  it.each([
    [1, new Int32(1), 0],
    [new Double(5), Long.fromNumber(5), 0],
    [D('5.00'), 5, 0],
    [D('0.1'), 0.1, -1], // the double 0.1 is 0.1000000000000000055...
    [Long.fromString('9007199254740993'), 9007199254740992, 1], // beyond 2^53: exact, not rounded
    [Long.fromString('-9223372036854775808'), -Infinity, 1],
    [D('1E+400'), Number.MAX_VALUE, 1],
    [D('-0'), 0, 0],
    [Number.NaN, -Infinity, -1], // NaN sorts below every number
    [D('NaN'), Number.NaN, 0],
    [D('Infinity'), Infinity, 0],
    [5e-324, 0, 1],
  ])('%s vs %s -> %s', (a, b, expected) => {
    expect(compareNumbers(a, b)).toBe(expected);
    expect(compareNumbers(b, a)).toBe(-expected || 0);
  });

  it('orders doubles like JavaScript and int64 against doubles exactly', () => {
    const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.double({ noNaN: true }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (a, b, big) => {
        expect(compareNumbers(new Double(a), b)).toBe(a < b ? -1 : a > b ? 1 : 0);
        let expected: number;
        if (!Number.isFinite(b)) expected = b > 0 ? -1 : 1;
        else {
          const floor = BigInt(Math.floor(b));
          expected = big < floor ? -1 : big > floor ? 1 : sign(Number(floor) - b) === 0 ? 0 : -1;
        }
        expect(compareNumbers(Long.fromBigInt(big), b)).toBe(expected);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('compareBson: canonical type order, then value', () => {
  it('brackets types in MongoDB order', () => {
    const ordered = [
      new MinKey(),
      null,
      -5,
      '',
      'a',
      {},
      [],
      new Binary(new Uint8Array([1])),
      ObjectId.createFromHexString('000000000000000000000001'),
      false,
      true,
      new Date(0),
      new Timestamp({ t: 1, i: 0 }),
      new BSONRegExp('a', 'i'),
      new MaxKey(),
    ];
    for (let i = 0; i + 1 < ordered.length; i++) {
      expect(compareBson(ordered[i], ordered[i + 1]), `${i}`).toBe(-1);
      expect(compareBson(ordered[i + 1], ordered[i]), `${i}`).toBe(1);
    }
  });

  it('compares documents by element type, then field name, then value; a prefix first', () => {
    expect(compareBson({ x: null }, { x: 1 })).toBe(-1);
    expect(compareBson({ y: 1 }, { x: 1 })).toBe(1);
    expect(compareBson({ y: 1 }, { x: 'a' })).toBe(-1); // type before name
    expect(compareBson({ x: 1 }, { x: 1, y: 2 })).toBe(-1);
    expect(compareBson({ x: 1, y: 2 }, { y: 2, x: 1 })).toBe(-1); // order matters
    expect(compareBson({ a: new Int32(1) }, { a: D('1.0') })).toBe(0);
  });

  it('compares arrays element-wise and binaries by length, subtype, bytes', () => {
    expect(compareBson([1, 2], [1, 3])).toBe(-1);
    expect(compareBson([1, 2], [1])).toBe(1);
    expect(compareBson(new Binary(new Uint8Array([9])), new Binary(new Uint8Array([1, 1])))).toBe(-1);
    expect(compareBson(new Binary(new Uint8Array([1]), 4), new Binary(new Uint8Array([1]), 0))).toBe(1);
  });

  it('compares strings by UTF-8 bytes (code points), not UTF-16 units', () => {
    expect(compareUtf8('\uffff', '😀')).toBe(-1); // U+FFFF < U+1F600 although '\uffff' > '\ud83d'
    expect('\uffff' > '😀').toBe(true);
    expect(compareUtf8('a', 'ab')).toBe(-1);
    expect(compareUtf8('B', 'a')).toBe(-1);
  });
});
