// fast-check generators for raw filters. `validFilter` stays inside the safe subset (used by the
// differential and tenant-isolation properties); `hostileFilter` mixes in forbidden and unknown
// operators, prototype keys and odd values at any depth (used by the fuzz tests).
import fc from 'fast-check';
import { FORBIDDEN_OPERATORS } from '../describe-operator';

export const FIELD_PATHS = ['a', 'b', 'c', 'd', 'a.x', 'a.y', 'a.x.z', 'b.x', 'n.a', 'n.b', 'n.b.x', 'zz'] as const;

const LITERALS: readonly unknown[] = [
  0,
  1,
  5,
  -3,
  1.5,
  0.1,
  10,
  'abc',
  'ABC',
  'a',
  '',
  '5',
  true,
  false,
  null,
  { $oid: '000000000000000000000001' },
  { $oid: '65a000000000000000000002' },
  { $date: '2024-01-01T00:00:00Z' },
  { $date: '2022-01-01' },
  { $numberDecimal: '5' },
  { $numberDecimal: '0.1' },
  { $numberDecimal: '1.5' },
  { $numberLong: '5' },
  { $numberLong: '9007199254740993' },
  [],
  [1, 2, 3],
  [1, 2],
  { x: 1 },
  { x: 1, y: 2 },
  { y: 2, x: 1 },
  {},
];

const REGEXES = ['^a', 'b', '^abc$', 'ABC', 'c$', '^$', 'l.*2', 'h.llo', '[a-c]+d', 'w\\w+d', '\\d', '^(ab|x)c', 'line2$', '^line2'];
const TYPES: readonly (string | number)[] = [
  'double',
  'string',
  'object',
  'array',
  'objectId',
  'bool',
  'date',
  'null',
  'int',
  'long',
  'decimal',
  'number',
  1,
  2,
  16,
  19,
];

export type TFilterArbitraries = {
  literal: fc.Arbitrary<unknown>;
  operatorObject: fc.Arbitrary<Record<string, unknown>>;
  filter: fc.Arbitrary<Record<string, unknown>>;
};

/** `decimal: false` leaves Decimal128 literals and the `decimal` type out (for FerretDB runs). */
export function filterArbitraries(options: { decimal: boolean }): TFilterArbitraries {
  const isDecimal = (v: unknown) => (typeof v === 'object' && v !== null && '$numberDecimal' in v) || v === 'decimal' || v === 19;
  const literalArb = fc.constantFrom(...LITERALS.filter((v) => options.decimal || !isDecimal(v)));
  const types = TYPES.filter((t) => options.decimal || !isDecimal(t));
  // Depth caps keep generated filters inside MAX_DEPTH, so "valid" really means valid.
  const operatorObjectArb = fc.letrec<{ ops: Record<string, unknown> }>((tie) => ({
    ops: fc.oneof(
      { depthSize: 'small', withCrossShrink: true, maxDepth: 4 },
      fc.record({ op: fc.constantFrom('$eq', '$ne', '$gt', '$gte', '$lt', '$lte'), v: literalArb }).map(({ op, v }) => ({ [op]: v })),
      fc.record({ op: fc.constantFrom('$in', '$nin'), v: fc.array(literalArb, { minLength: 0, maxLength: 4 }) }).map(({ op, v }) => ({ [op]: v })),
      fc.boolean().map((b) => ({ $exists: b })),
      fc.constantFrom(...types).map((t) => ({ $type: t })),
      fc
        .record({ r: fc.constantFrom(...REGEXES), o: fc.constantFrom('', 'i', 'm', 's', 'im') })
        .map(({ r, o }) => (o ? { $regex: r, $options: o } : { $regex: r })),
      fc.integer({ min: 0, max: 3 }).map((n) => ({ $size: n })),
      fc.array(literalArb, { minLength: 1, maxLength: 3 }).map((v) => ({ $all: v })),
      fc.record({ lo: literalArb, hi: literalArb }).map(({ lo, hi }) => ({ $gte: lo, $lt: hi })),
      tie('ops').map((inner) => ({ $not: inner })),
      tie('ops').map((inner) => ({ $elemMatch: inner })),
      fc.record({ f: fc.constantFrom('x', 'y', 'z'), v: fc.oneof(literalArb, tie('ops')) }).map(({ f, v }) => ({ $elemMatch: { [f]: v } })),
    ),
  })).ops;

  const filterArb = fc.letrec<{ query: Record<string, unknown> }>((tie) => ({
    query: fc.oneof(
      { depthSize: 'small', withCrossShrink: true, maxDepth: 3 },
      fc.record({ path: fc.constantFrom(...FIELD_PATHS), v: fc.oneof(literalArb, operatorObjectArb) }).map(({ path, v }) => ({ [path]: v })),
      fc.dictionary(fc.constantFrom(...FIELD_PATHS), fc.oneof(literalArb, operatorObjectArb), { minKeys: 1, maxKeys: 3 }),
      fc
        .record({ op: fc.constantFrom('$and', '$or', '$nor'), branches: fc.array(tie('query'), { minLength: 1, maxLength: 3 }) })
        .map(({ op, branches }) => ({ [op]: branches })),
    ),
  })).query;
  return { literal: literalArb, operatorObject: operatorObjectArb, filter: filterArb };
}

const all = filterArbitraries({ decimal: true });
export const literalArb = all.literal;
export const validFilterArb = all.filter;

const HOSTILE_KEYS = [...FORBIDDEN_OPERATORS, '$mod', '$foo', '$', '__proto__', 'constructor', 'prototype', '$numberDouble', '$options'];

/** Anything JSON-ish, with allowed, forbidden and unknown operator keys at any depth. */
export const hostileFilterArb: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 8 },
    fc.jsonValue({ maxDepth: 2 }),
    literalArb,
    validFilterArb,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(
        fc.constantFrom(...HOSTILE_KEYS, ...FIELD_PATHS, '$and', '$or', '$nor', '$not', '$elemMatch', '$in', '$regex', '$eq', '$oid', '$date'),
        fc.string(),
      ),
      tie('value'),
      { maxKeys: 4 },
    ),
  ),
})).value;
