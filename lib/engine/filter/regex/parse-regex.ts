// Parses a `$regex` pattern into a small AST, accepting only syntax that PCRE (what MongoDB runs)
// and our matcher interpret the same way, and rejecting shapes that make a backtracking engine
// (the server's) explode: a repeated group that itself contains a quantifier or an ambiguous
// alternation, too many unbounded quantifiers, huge counted repetitions.
import { FILTER_LIMITS } from '../limits';
import { checkRegexSafety } from './check-regex-safety';
import { CLASS_ESCAPES, complementRanges } from './class-escapes';
import type { TRange, TRegexFlags, TRegexNode } from './regex-program';

export type TParseRegexResult = { ok: true; node: TRegexNode } | { ok: false; message: string };

class RegexSyntaxError extends Error {}

const CONTROL_ESCAPES: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13 };
const QUANT_START = /^(?:[*+?]|\{\d+(?:,\d*)?\})/;

export function parseRegex(source: string, flags: TRegexFlags): TParseRegexResult {
  if (source.length > FILTER_LIMITS.maxRegexLength) {
    return { ok: false, message: `regex longer than ${FILTER_LIMITS.maxRegexLength} characters` };
  }
  let pos = 0;
  const fail = (message: string): never => {
    throw new RegexSyntaxError(`${message} at offset ${pos}`);
  };

  const skipExtended = (): void => {
    if (!flags.extended) return;
    while (pos < source.length) {
      const c = source[pos] as string;
      if (/[ \t\n\r\f\v]/.test(c)) pos++;
      else if (c === '#') while (pos < source.length && source[pos] !== '\n') pos++;
      else break;
    }
  };

  const readChar = (): number => {
    const cp = source.codePointAt(pos) as number;
    pos += cp > 0xffff ? 2 : 1;
    return cp;
  };

  const parseEscape = (inClass: boolean): TRegexNode => {
    pos++; // the backslash
    if (pos >= source.length) fail('pattern ends with a backslash');
    const c = source[pos] as string;
    const cls = CLASS_ESCAPES[c];
    if (cls) {
      pos++;
      return { t: 'class', negated: false, ranges: cls };
    }
    if (!inClass && (c === 'b' || c === 'B')) {
      pos++;
      return { t: 'assert', kind: c === 'b' ? 'word' : 'nonword' };
    }
    const control = CONTROL_ESCAPES[c];
    if (control !== undefined) {
      pos++;
      return { t: 'char', cp: control };
    }
    if (/[\x20-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/.test(c)) {
      pos++;
      return { t: 'char', cp: c.charCodeAt(0) };
    }
    return fail(`unsupported escape \\${c}`);
  };

  const classAtom = (): TRegexNode => {
    const c = source[pos];
    if (c === undefined) fail('unterminated character class');
    if (c === '\\') return parseEscape(true);
    if (c === '[') fail("'[' inside a character class must be escaped");
    return { t: 'char', cp: readChar() };
  };

  const parseClass = (): TRegexNode => {
    pos++; // [
    let negated = false;
    if (source[pos] === '^') {
      negated = true;
      pos++;
    }
    if (source[pos] === ']') fail("']' at the start of a character class must be escaped");
    const ranges: TRange[] = [];
    while (source[pos] !== ']') {
      const lo = classAtom();
      if (source[pos] === '-' && source[pos + 1] !== ']' && pos + 1 < source.length) {
        pos++;
        const hi = classAtom();
        if (lo.t !== 'char' || hi.t !== 'char') fail('a class escape cannot bound a range');
        const [l, h] = [(lo as { cp: number }).cp, (hi as { cp: number }).cp];
        if (l > h) fail('range out of order in character class');
        ranges.push([l, h]);
      } else if (lo.t === 'char') ranges.push([lo.cp, lo.cp]);
      else if (lo.t === 'class') ranges.push(...(lo.negated ? complementRanges(lo.ranges) : lo.ranges));
    }
    pos++; // ]
    return { t: 'class', negated, ranges };
  };

  const parseAtom = (): TRegexNode => {
    const c = source[pos] as string;
    switch (c) {
      case '(': {
        pos++;
        if (source[pos] === '?') {
          if (source[pos + 1] !== ':') fail('only (?: ) groups are supported (no lookaround, named groups or inline flags)');
          pos += 2;
        }
        const body = parseAlt();
        if (source[pos] !== ')') fail('missing )');
        pos++;
        return body;
      }
      case ')':
        return fail('unmatched )');
      case '[':
        return parseClass();
      case '.':
        pos++;
        return { t: 'any' };
      case '^':
        pos++;
        return { t: 'assert', kind: 'bol' };
      case '$':
        pos++;
        return { t: 'assert', kind: 'eol' };
      case '\\':
        return parseEscape(false);
      case '*':
      case '+':
      case '?':
        return fail('nothing to repeat');
      case '{':
        return fail(QUANT_START.test(source.slice(pos)) ? 'nothing to repeat' : "a literal '{' must be escaped");
      default:
        return { t: 'char', cp: readChar() };
    }
  };

  const parseQuantified = (): TRegexNode => {
    const atom = parseAtom();
    skipExtended();
    const m = QUANT_START.exec(source.slice(pos));
    if (!m) {
      if (source[pos] === '{') fail("a literal '{' must be escaped");
      return atom;
    }
    if (atom.t === 'assert') fail('an anchor cannot be repeated');
    const q = m[0];
    pos += q.length;
    let min: number;
    let max: number;
    if (q === '*') [min, max] = [0, Infinity];
    else if (q === '+') [min, max] = [1, Infinity];
    else if (q === '?') [min, max] = [0, 1];
    else {
      const [a, b] = q.slice(1, -1).split(',');
      min = Number(a);
      max = b === undefined ? min : b === '' ? Infinity : Number(b);
      const bound = Math.max(min, max === Infinity ? 0 : max);
      if (bound > FILTER_LIMITS.maxRegexRepeat) fail(`repetition count above ${FILTER_LIMITS.maxRegexRepeat}`);
      if (max < min) fail('repetition bounds out of order');
    }
    if (source[pos] === '?') pos++; // lazy: irrelevant to whether a match exists
    if (source[pos] === '+') fail('possessive quantifiers are not supported');
    skipExtended();
    if (QUANT_START.test(source.slice(pos))) fail('a quantifier cannot follow a quantifier');
    return { t: 'repeat', body: atom, min, max };
  };

  const parseConcat = (): TRegexNode => {
    const items: TRegexNode[] = [];
    for (;;) {
      skipExtended();
      if (pos >= source.length || source[pos] === '|' || source[pos] === ')') break;
      items.push(parseQuantified());
    }
    return items.length === 1 ? (items[0] as TRegexNode) : { t: 'concat', items };
  };

  function parseAlt(): TRegexNode {
    const options = [parseConcat()];
    while (source[pos] === '|') {
      pos++;
      options.push(parseConcat());
    }
    return options.length === 1 ? (options[0] as TRegexNode) : { t: 'alt', options };
  }

  try {
    const node = parseAlt();
    if (pos < source.length) fail('unmatched )');
    const unsafe = checkRegexSafety(node, flags);
    return unsafe ? { ok: false, message: unsafe } : { ok: true, node };
  } catch (err) {
    if (err instanceof RegexSyntaxError) return { ok: false, message: err.message };
    throw err;
  }
}
