// MongoDB's total order over BSON values (BSONElement::woCompare without collation): first the
// canonical type rank, then a per-type comparison. Used for equality (== 0) and for range
// operators once type bracketing has been checked.
import { bsonClassOf, bsonTypeOf, canonicalRank } from './bson-type';
import { compareNumbers } from './compare-numbers';

export function compareBson(a: unknown, b: unknown): number {
  const ta = bsonTypeOf(a);
  const tb = bsonTypeOf(b);
  const ra = canonicalRank(ta);
  const rb = canonicalRank(tb);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 10:
      return compareNumbers(a, b);
    case 15:
      return compareUtf8(stringOf(a), stringOf(b));
    case 20:
      return compareEntries(entriesOf(a), entriesOf(b));
    case 25:
      return compareEntries(
        (a as unknown[]).map((v, i) => [String(i), v]),
        (b as unknown[]).map((v, i) => [String(i), v]),
      );
    case 30:
      return compareBinary(a as object, b as object);
    case 35:
      return compareUtf8((a as { toHexString(): string }).toHexString(), (b as { toHexString(): string }).toHexString());
    case 40:
      return sign(Number(a) - Number(b));
    case 45:
      return sign((a as Date).getTime() - (b as Date).getTime());
    case 47: {
      const x = a as { t: number; i: number };
      const y = b as { t: number; i: number };
      return x.t !== y.t ? sign(x.t - y.t) : sign(x.i - y.i);
    }
    case 50: {
      const x = regexParts(a);
      const y = regexParts(b);
      return compareUtf8(x[0], y[0]) || compareUtf8(x[1], y[1]);
    }
    case 60:
    case 65: {
      const x = a as { code: string; scope?: unknown };
      const y = b as { code: string; scope?: unknown };
      return compareUtf8(String(x.code), String(y.code)) || compareBson(x.scope ?? {}, y.scope ?? {});
    }
    default:
      return 0; // null, undefined, MinKey, MaxKey: one value each
  }
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** UTF-8 byte order == code point order; JS `<` compares UTF-16 units, which differs above U+FFFF. */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800) x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
    if (y >= 0xd800) y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    return x < y ? -1 : 1;
  }
  return sign(a.length - b.length);
}

function stringOf(v: unknown): string {
  return typeof v === 'string' ? v : String((v as { value: unknown }).value);
}

export function entriesOf(v: unknown): [string, unknown][] {
  if (bsonClassOf(v as object) === 'DBRef') return Object.entries((v as { toJSON(): object }).toJSON());
  return Object.keys(v as object).map((k) => [k, (v as Record<string, unknown>)[k]]);
}

/** Element by element: type rank, then field name, then value; a prefix sorts first. */
function compareEntries(a: [string, unknown][], b: [string, unknown][]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const [ka, va] = a[i] as [string, unknown];
    const [kb, vb] = b[i] as [string, unknown];
    const rank = canonicalRank(bsonTypeOf(va)) - canonicalRank(bsonTypeOf(vb));
    if (rank !== 0) return sign(rank);
    const byName = compareUtf8(ka, kb);
    if (byName !== 0) return byName;
    const byValue = compareBson(va, vb);
    if (byValue !== 0) return byValue;
  }
  return sign(a.length - b.length);
}

function binaryParts(v: object): [Uint8Array, number] {
  if (v instanceof Uint8Array) return [v, 0];
  const bin = v as { buffer: Uint8Array; position: number; sub_type: number };
  return [bin.buffer.subarray(0, bin.position), bin.sub_type];
}

/** BinData: length first, then subtype, then bytes. */
function compareBinary(a: object, b: object): number {
  const [x, sx] = binaryParts(a);
  const [y, sy] = binaryParts(b);
  if (x.length !== y.length) return sign(x.length - y.length);
  if (sx !== sy) return sign(sx - sy);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return sign((x[i] ?? 0) - (y[i] ?? 0));
  return 0;
}

export function regexParts(v: unknown): [string, string] {
  if (v instanceof RegExp) return [v.source, v.flags.split('').sort().join('')];
  const r = v as { pattern: string; options: string };
  return [r.pattern, r.options];
}
