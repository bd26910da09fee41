import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRegex } from './compile-regex';
import { runRegexProgram } from './run-regex-program';

function test(pattern: string, options: string, subject: string): boolean {
  const compiled = compileRegex(pattern, options);
  if (!compiled.ok) throw new Error(compiled.message);
  return runRegexProgram(compiled.program, subject);
}

function refusal(pattern: string, options = ''): string {
  const compiled = compileRegex(pattern, options);
  if (compiled.ok) throw new Error(`accepted ${pattern}`);
  return compiled.message;
}

describe('regex matcher (PCRE semantics)', () => {
  it.each([
    ['abc', '', 'xxabcxx', true],
    ['^abc', '', 'xabc', false],
    ['abc$', '', 'abc\n', true], // PCRE: $ also matches before a final newline
    ['abc$', '', 'abc\n\n', false],
    ['^b', 'm', 'a\nb', true],
    ['^', 'm', 'a\n', true],
    ['^$', 'm', 'a\n', false], // multiline ^ never matches after the final newline
    ['a$', 'm', 'a\nb', true],
    ['a.b', '', 'a\nb', false],
    ['a.b', 's', 'a\nb', true],
    ['a.b', '', 'a\rb', true], // only \n is a newline for PCRE by default
    ['ABC', 'i', 'xabcx', true],
    ['[a-c]+d', 'i', 'BCD', true],
    ['k', 'i', '\u212a', true], // KELVIN SIGN folds to k
    ['\\s', '', '\u00a0', false], // \s is ASCII-only without UCP
    ['\\s', '', '\v', true],
    ['\\d+', '', 'x٣', false],
    ['\\bfoo\\b', '', 'a foo b', true],
    ['\\bfoo\\b', '', 'afoob', false],
    ['\\Bfoo', '', 'afoo', true],
    ['h llo # comment\n', 'x', 'hllo', true],
    ['h\\ llo', 'x', 'h llo', true],
    ['a{2,3}', '', 'xaax', true],
    ['^a{2,3}$', '', 'aaaa', false],
    ['(?:get|put)+x', '', 'getputx', true],
    ['é.', '', 'héllo', true],
    ['^.$', '', '😀', true], // one code point, not two UTF-16 units
    ['[^a]', '', 'a', false],
    ['[\\w-]+@', '', 'a-b@', true],
    ['^$', '', '', true],
    ['x*', '', '', true],
  ])('/%s/%s on %j -> %s', (pattern, options, subject, expected) => {
    expect(test(pattern, options, subject)).toBe(expected);
  });

  it('runs in linear time on inputs that make backtracking engines explode', () => {
    const subject = `${'a'.repeat(200_000)}!`;
    const started = Date.now();
    expect(test('^(?:a|b)*c', '', subject)).toBe(false);
    expect(test('.*.*.*x', '', subject)).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('agrees with JavaScript RegExp where PCRE and JS coincide', () => {
    // Subjects avoid \n, \r and non-ASCII, where $, . and \s differ between the two engines.
    const atom = fc.oneof(
      fc.constantFrom('a', 'b', 'c', '.', '\\d', '\\w', '\\s', '[ab]', '[^a]', '[a-c]', '\\.', '\\b', '^', '$'),
      fc.constantFrom('(?:ab|c)', '(a)', '(?:x|yz)'),
    );
    const quantified = fc.tuple(atom, fc.constantFrom('', '', '?', '*', '+', '{1,2}', '*?')).map(([a, q]) => (['^', '$', '\\b'].includes(a) ? a : a + q));
    const pattern = fc.array(quantified, { minLength: 1, maxLength: 5 }).map((xs) => xs.join(''));
    const subject = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'x', 'y', 'z', '1', ' ', '.', '_', 'A'), maxLength: 12 });
    fc.assert(
      fc.property(pattern, fc.constantFrom('', 'i'), subject, (p, flags, s) => {
        const compiled = compileRegex(p, flags);
        fc.pre(compiled.ok);
        if (!compiled.ok) return;
        expect(runRegexProgram(compiled.program, s)).toBe(new RegExp(p, flags).test(s));
      }),
      { numRuns: 3_000 },
    );
  });
});

describe('regex safety and syntax subset', () => {
  it.each([
    ['(a+)+', 'nested quantifier'],
    ['(a*)*b', 'nested quantifier'],
    ['(a|a)*', 'ambiguous alternation'],
    ['(a|ab)+', 'ambiguous alternation'],
    ['(\\w|\\d)+', 'ambiguous alternation'],
    ['(?:a?){2,}', 'nested quantifier'],
    ['.*a.*b.*c.*d', 'unbounded quantifiers'],
    ['a{1000}', 'repetition count'],
    ['(a)\\1', 'unsupported escape \\1'],
    ['(?=a)', 'only (?: ) groups'],
    ['(?<n>a)', 'only (?: ) groups'],
    ['(?i)a', 'only (?: ) groups'],
    ['a++', 'possessive'],
    ['a**', 'quantifier cannot follow'],
    ['*a', 'nothing to repeat'],
    ['a{', "literal '{'"],
    ['\\p{L}', 'unsupported escape \\p'],
    ['\\Aabc', 'unsupported escape \\A'],
    ['[]a]', "']' at the start"],
    ['[[:alpha:]]', "'[' inside a character class"],
    ['[z-a]', 'out of order'],
    ['(ab', 'missing )'],
    ['ab)', 'unmatched )'],
    ['^*', 'anchor cannot be repeated'],
    ['a\\', 'ends with a backslash'],
    ['a'.repeat(257), 'longer than 256'],
  ])('refuses %j (%s)', (pattern, why) => {
    expect(refusal(pattern)).toContain(why);
  });

  it('refuses unknown or repeated $options flags', () => {
    expect(refusal('a', 'g')).toContain("unsupported $options flag 'g'");
    expect(refusal('a', 'ii')).toContain("duplicate $options flag 'i'");
    expect(refusal('a', 'u')).toContain("'u'");
  });

  it('accepts repeated groups that cannot backtrack ambiguously', () => {
    for (const p of ['(ab)+', '(?:get|put)*', '(?:[a-z][0-9])+', 'a*b*c*', '(a+)?', '(?:foo|bar|baz)?x']) {
      expect(compileRegex(p, '').ok, p).toBe(true);
    }
    expect(compileRegex('(?:a|A)+', '').ok).toBe(true);
    expect(compileRegex('(?:a|A)+', 'i').ok).toBe(false); // the same first character once folded
  });
});
