// A varied document set for the differential test: nested documents, arrays (empty, nested,
// of documents), every numeric type, ObjectId, Date, null and missing fields, in deterministic
// combinations. `_id` is a small integer so mismatches are easy to read.
import { Decimal128, Double, Int32, Long, ObjectId } from 'mongodb';

export const OIDS = ['000000000000000000000001', '65a000000000000000000002', 'ffffffffffffffffffffff03'].map((h) => ObjectId.createFromHexString(h));
export const DATES = [new Date('2020-01-01T00:00:00Z'), new Date('2024-01-01T00:00:00Z'), new Date('2024-06-01T12:00:00Z')];

export const SCALARS: readonly unknown[] = [
  new Int32(0),
  new Int32(1),
  new Int32(5),
  new Int32(-3),
  new Double(1.5),
  new Double(5),
  new Double(0.1),
  Long.fromNumber(5),
  Long.fromString('9007199254740993'),
  Decimal128.fromString('5'),
  Decimal128.fromString('1.50'),
  Decimal128.fromString('0.1'),
  '',
  'abc',
  'ABC',
  'abd',
  'b',
  '5',
  'héllo wörld',
  'line1\nline2',
  true,
  false,
  null,
  ...OIDS,
  ...DATES,
];

export const COMPOSITES: readonly unknown[] = [
  [],
  [new Int32(1), new Int32(2), new Int32(3)],
  [new Int32(1), 'a', null],
  [[new Int32(1), new Int32(2)], new Int32(3)],
  [{ x: new Int32(1) }, { x: new Int32(2), y: 'a' }],
  [{ x: [new Int32(1), new Int32(2)] }],
  [new Int32(5), new Int32(10)],
  [{ x: null }, { y: new Int32(1) }],
  [DATES[1], OIDS[0]],
  { x: new Int32(1) },
  { x: new Int32(1), y: new Int32(2) },
  { y: new Int32(2), x: new Int32(1) },
  { x: { z: null } },
  { x: [{ z: new Int32(1) }, { z: 'q' }] },
  {},
];

/** Deterministic pseudo-random generator so the set is the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export type TDocumentSetOptions = { decimal: boolean; nestedArrays: boolean };

function unsupported(v: unknown, options: TDocumentSetOptions, inArray = false): boolean {
  if (v instanceof Decimal128) return !options.decimal;
  if (Array.isArray(v)) return (inArray && !options.nestedArrays) || v.some((x) => unsupported(x, options, true));
  if (typeof v === 'object' && v !== null && !(v instanceof Date) && !(v instanceof ObjectId)) {
    return Object.values(v).some((x) => unsupported(x, options));
  }
  return false;
}

/** FerretDB v1 stores neither Decimal128 nor arrays directly inside arrays (README.md). */
export function differentialDocuments(options: TDocumentSetOptions): Record<string, unknown>[] {
  const SCALARS_ = SCALARS.filter((v) => !unsupported(v, options));
  const COMPOSITES_ = COMPOSITES.filter((v) => !unsupported(v, options));
  const rand = lcg(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const docs: Record<string, unknown>[] = [];
  let id = 1;
  // Every scalar and composite appears in field `a` once, so each value is tested directly.
  for (const v of [...SCALARS_, ...COMPOSITES_]) docs.push({ _id: id++, a: v });
  docs.push({ _id: id++ }); // all fields missing
  for (let i = 0; i < 60; i++) {
    const doc: Record<string, unknown> = { _id: id++ };
    for (const field of ['a', 'b', 'c', 'd']) {
      const r = rand();
      if (r < 0.15) continue; // missing
      doc[field] = r < 0.6 ? pick(SCALARS_) : pick(COMPOSITES_);
    }
    if (rand() < 0.3) doc.n = { a: pick(SCALARS_), b: pick(COMPOSITES_) };
    docs.push(doc);
  }
  return docs;
}
