import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesNamespacePattern } from './match-namespace-pattern';

describe('matchesNamespacePattern', () => {
  it.each([
    ['orders', 'orders', true],
    ['orders', 'orders2', false],
    ['ord*', 'orders', true],
    ['ord*', 'ord', true],
    ['*', 'anything', true],
    ['*s', 'orders', true],
    ['o*r*s', 'orders', true],
    ['o*x*s', 'orders', false],
    ['**', '', true],
    ['a.b', 'axb', false],
  ])('%s ~ %s -> %s', (pattern, name, expected) => {
    expect(matchesNamespacePattern(pattern, name)).toBe(expected);
  });

  it('agrees with an anchored regular expression', () => {
    const chars = fc.constantFrom('a', 'b', '_', '.');
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(chars, fc.constant('*')), maxLength: 8 }), fc.string({ unit: chars, maxLength: 10 }), (pattern, name) => {
        const re = new RegExp(`^${pattern.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`);
        expect(matchesNamespacePattern(pattern, name)).toBe(re.test(name));
      }),
      { numRuns: 3_000 },
    );
  });
});
