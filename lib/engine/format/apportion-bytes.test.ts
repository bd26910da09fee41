import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apportionBytes } from './apportion-bytes';

describe('apportionBytes', () => {
  it('splits in proportion, in whole bytes', () => {
    expect(
      apportionBytes(
        100,
        new Map([
          ['a', 3],
          ['b', 1],
        ]),
      ),
    ).toEqual(
      new Map([
        ['a', 75],
        ['b', 25],
      ]),
    );
    expect(
      apportionBytes(
        10,
        new Map([
          ['a', 1],
          ['b', 1],
          ['c', 1],
        ]),
      ),
    ).toEqual(
      new Map([
        ['a', 4],
        ['b', 3],
        ['c', 3],
      ]),
    );
    expect(apportionBytes(7, new Map([['only', 123]]))).toEqual(new Map([['only', 7]]));
    expect(apportionBytes(5, new Map())).toEqual(new Map());
  });

  it('always sums to the total, and no part strays more than one byte from its exact share', () => {
    fc.assert(
      fc.property(fc.nat(1e9), fc.array(fc.nat(1e7), { minLength: 1, maxLength: 12 }), (total, ws) => {
        const weights = new Map(ws.map((w, i) => [`c${i}`, w]));
        const parts = apportionBytes(total, weights);
        expect([...parts.values()].reduce((a, b) => a + b, 0)).toBe(total);
        const sum = ws.reduce((a, b) => a + b, 0);
        for (const [name, w] of weights) {
          const exact = sum > 0 ? (total * w) / sum : total / ws.length;
          expect(Math.abs(parts.get(name)! - exact)).toBeLessThan(1 + 1e-6);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
