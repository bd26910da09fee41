// PCRE's class escapes without Unicode properties (MongoDB does not set PCRE2_UCP): ASCII only.
// \s is PCRE2's set: space, \t, \n, \v, \f, \r.
import type { TRange } from './regex-program';

const MAX_CP = 0x10ffff;

const DIGIT: readonly TRange[] = [[0x30, 0x39]];
const WORD: readonly TRange[] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
const SPACE: readonly TRange[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
];

/** Sorted, non-overlapping ranges in; their complement over all code points out. */
export function complementRanges(ranges: readonly TRange[]): TRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: TRange[] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

export const CLASS_ESCAPES: Readonly<Record<string, readonly TRange[]>> = {
  d: DIGIT,
  D: complementRanges(DIGIT),
  w: WORD,
  W: complementRanges(WORD),
  s: SPACE,
  S: complementRanges(SPACE),
};

export function isWordChar(cp: number | undefined): boolean {
  if (cp === undefined) return false;
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || cp === 0x5f || (cp >= 0x61 && cp <= 0x7a);
}
