// Simple case folding for caseless matching: PCRE2 in UTF mode (as MongoDB compiles patterns)
// folds with Unicode simple case mappings, which lower(upper(c)) approximates closely
// (e.g. KELVIN SIGN folds to k). Multi-character mappings (ß -> SS) are not folded.
const cache = new Map<number, number>();

export function foldCase(cp: number): number {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? cp + 0x20 : cp;
  const hit = cache.get(cp);
  if (hit !== undefined) return hit;
  const single = (s: string): number | undefined => {
    const c = s.codePointAt(0);
    return c !== undefined && s.length === String.fromCodePoint(c).length ? c : undefined;
  };
  const ch = String.fromCodePoint(cp);
  const upper = single(ch.toUpperCase()) ?? cp;
  const folded = single(String.fromCodePoint(upper).toLowerCase()) ?? single(ch.toLowerCase()) ?? cp;
  if (cache.size < 10_000) cache.set(cp, folded);
  return folded;
}

/** The code points that fold together with cp (cp itself first). */
const variantsCache = new Map<number, number[]>();

export function caseVariants(cp: number): number[] {
  const hit = variantsCache.get(cp);
  if (hit) return hit;
  const out = [cp];
  const ch = String.fromCodePoint(cp);
  for (const s of [ch.toLowerCase(), ch.toUpperCase()]) {
    const c = s.codePointAt(0);
    if (c !== undefined && s.length === String.fromCodePoint(c).length && !out.includes(c)) out.push(c);
  }
  const f = foldCase(cp);
  if (!out.includes(f)) out.push(f);
  if (variantsCache.size < 10_000) variantsCache.set(cp, out);
  return out;
}
