import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIssuePath } from '../filter/filter-issue';
import { parseJsonText } from './parse-json-text';

const LIMITS = { maxBytes: 64 * 1024, maxDepth: 32 };

function problems(text: string, limits = LIMITS): string[] {
  const result = parseJsonText(text, limits);
  if (result.ok) throw new Error(`accepted ${text.slice(0, 80)}`);
  return result.issues.map((i) => `${formatIssuePath(i.path)}: ${i.message}`);
}

describe('parseJsonText', () => {
  it('parses ordinary JSON, with braces and quotes inside strings', () => {
    const text = '{"a": "}{\\"[", "b": [1, {"c": "\\\\"}], "d": {"e": null}}';
    expect(parseJsonText(text, LIMITS)).toEqual({ ok: true, value: JSON.parse(text) as unknown });
  });

  it('agrees with JSON.parse on any JSON without duplicate keys', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 6 }), (text) => {
        const result = parseJsonText(text, LIMITS);
        const value = JSON.parse(text) as unknown;
        const hasProtoKey = /"(__proto__|constructor|prototype)"\s*:/.test(text);
        if (!hasProtoKey) expect(result).toEqual({ ok: true, value });
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses prototype keys, also when written with escapes', () => {
    expect(problems('{"a": {"__proto__": {"polluted": true}}}')).toEqual(['$.a.__proto__: key __proto__ is not allowed']);
    expect(problems('{"\\u005f_proto__": 1}')).toEqual(['$.__proto__: key __proto__ is not allowed']);
    expect(problems('[{"x": [0, {"constructor": {"prototype": 1}}]}]')).toEqual([
      '$[0].x[1].constructor: key constructor is not allowed',
      '$[0].x[1].constructor.prototype: key prototype is not allowed',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses duplicate keys (a reviewer and the engine must read the same package)', () => {
    expect(problems('{"target": {"mode": "in-place", "mode": "database"}}')).toEqual(['$.target.mode: duplicate key "mode"']);
    expect(problems('{"a": 1, "\\u0061": 2}')).toEqual(['$.a: duplicate key "a"']);
    expect(parseJsonText('[{"a": 1}, {"a": 2}]', LIMITS).ok).toBe(true);
  });

  it('refuses nesting past the limit without recursing', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(problems(deep, { maxBytes: 1_000_000, maxDepth: 32 })[0]).toContain('nested deeper than 32 levels');
    expect(parseJsonText(`${'['.repeat(32)}${']'.repeat(32)}`, LIMITS).ok).toBe(true);
    expect(parseJsonText(`${'['.repeat(33)}${']'.repeat(33)}`, LIMITS).ok).toBe(false);
  });

  it('refuses text over the byte limit, counting UTF-8 bytes', () => {
    const ascii = `"${'a'.repeat(64 * 1024 - 2)}"`;
    expect(parseJsonText(ascii, LIMITS).ok).toBe(true);
    expect(problems(`"${'a'.repeat(64 * 1024 - 1)}"`)).toEqual(['$: package larger than 65536 bytes']);
    expect(problems(`"${'é'.repeat(40_000)}"`)).toEqual(['$: package larger than 65536 bytes']); // 80,002 bytes
  });

  it('reports malformed JSON', () => {
    expect(problems('{"a": }')[0]).toMatch(/^\$: invalid JSON/);
    expect(problems('{"a": "unterminated')[0]).toMatch(/^\$: invalid JSON/);
    expect(problems('')[0]).toMatch(/^\$: invalid JSON/);
  });
});
