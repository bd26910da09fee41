import { Decimal128, Long, ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { isEngineError } from '../errors/engine-error';
import { compileFilter } from './compile-filter';
import { FILTER_LIMITS } from './limits';

function issues(raw: unknown): { path: string; message: string }[] {
  const result = compileFilter(raw);
  if (result.ok) throw new Error(`accepted ${JSON.stringify(raw)}`);
  expect(isEngineError(result.error, 'INVALID_ARGUMENT')).toBe(true);
  return result.error.details.issues as { path: string; message: string }[];
}

describe('compileFilter accepts the safe subset', () => {
  it.each([
    {},
    { a: 1, 'b.c': 'x' },
    { a: { $eq: 1, $ne: 2, $gt: 0, $gte: 0, $lt: 9, $lte: 9 } },
    { a: { $in: [1, 'x', null], $nin: [] } },
    { a: { $exists: true }, b: { $exists: 0 } },
    { a: { $type: 'string' }, b: { $type: [1, 'number'] } },
    { a: { $regex: '^ab+c$', $options: 'imsx' } },
    { a: { $size: 0 }, b: { $all: [1, 2] }, c: { $all: [{ $elemMatch: { x: 1 } }] } },
    { a: { $elemMatch: { x: { $gt: 1 } } }, b: { $elemMatch: { $gte: 1 } } },
    { a: { $not: { $gt: 1 } } },
    { $and: [{ a: 1 }], $or: [{ b: 1 }, { c: 1 }], $nor: [{ d: 1 }] },
    { 'a.0.b': 1 },
  ])('%j', (raw) => {
    expect(compileFilter(raw).ok).toBe(true);
  });

  it('converts EJSON-like typed literals to BSON values', () => {
    const result = compileFilter({
      a: { $oid: '65a000000000000000000002' },
      b: { $in: [{ $date: '2024-01-01T00:00:00Z' }, { $date: 0 }, { $date: { $numberLong: '1000' } }] },
      c: { $gt: { $numberDecimal: '1.50' } },
      d: { $numberLong: '9007199254740993' },
      e: { nested: { $oid: '000000000000000000000001' } },
    });
    if (!result.ok) throw result.error;
    const json = result.filter;
    expect(json.kind).toBe('and');
    const preds = (json.kind === 'and' ? json.children : []).map((c) => (c.kind === 'path' ? c.predicates[0] : undefined));
    expect(preds[0]).toEqual({ op: 'eq', value: ObjectId.createFromHexString('65a000000000000000000002') });
    expect(preds[1]).toEqual({ op: 'in', values: [new Date('2024-01-01T00:00:00Z'), new Date(0), new Date(1000)] });
    expect(preds[2]).toEqual({ op: 'gt', value: Decimal128.fromString('1.50') });
    expect(preds[3]).toEqual({ op: 'eq', value: Long.fromString('9007199254740993') });
    expect(preds[4]).toEqual({ op: 'eq', value: { nested: ObjectId.createFromHexString('000000000000000000000001') } });
  });

  it('accepts BSON values passed programmatically', () => {
    expect(compileFilter({ a: ObjectId.createFromHexString('65a000000000000000000002'), b: new Date(0), c: 10n }).ok).toBe(true);
  });
});

describe('compileFilter refuses, naming the operator', () => {
  it.each([
    [{ $where: 'this.a > 1' }, '$.$where', 'operator $where is not allowed'],
    [{ $expr: { $gt: ['$a', 1] } }, '$.$expr', 'operator $expr is not allowed'],
    [{ $jsonSchema: {} }, '$.$jsonSchema', 'operator $jsonSchema is not allowed'],
    [{ $text: { $search: 'x' } }, '$.$text', 'operator $text is not allowed'],
    [{ a: { $function: {} } }, '$.a.$function', 'operator $function is not allowed'],
    [{ a: { $accumulator: {} } }, '$.a.$accumulator', 'operator $accumulator is not allowed'],
    [{ loc: { $near: [0, 0] } }, '$.loc.$near', 'operator $near is not allowed'],
    [{ loc: { $nearSphere: [0, 0] } }, '$.loc.$nearSphere', 'operator $nearSphere is not allowed'],
    [{ loc: { $geoWithin: {} } }, '$.loc.$geoWithin', 'operator $geoWithin is not allowed'],
    [{ loc: { $geoIntersects: {} } }, '$.loc.$geoIntersects', 'operator $geoIntersects is not allowed'],
    [{ a: { $mod: [2, 0] } }, '$.a.$mod', 'unknown operator $mod'],
    [{ $comment: 'x' }, '$.$comment', 'unknown operator $comment'],
    [{ $gt: 1 }, '$.$gt', 'must be applied to a field'],
    [{ $and: [{ a: 1 }, { $where: '1' }] }, '$.$and[1].$where', 'operator $where is not allowed'],
    [{ a: { $elemMatch: { b: { $where: '1' } } } }, '$.a.$elemMatch.b.$where', 'operator $where is not allowed'],
    [{ a: { $not: { $expr: 1 } } }, '$.a.$not.$expr', 'operator $expr is not allowed'],
    [{ a: { $eq: { $where: '1' } } }, '$.a.$eq.$where', 'operator $where is not allowed'],
    [{ a: { $in: [{ $where: '1' }] } }, '$.a.$in[0].$where', 'operator $where is not allowed'],
    [{ a: { b: { $function: 1 } } }, '$.a.b.$function', 'operator $function is not allowed'],
    [{ a: { $all: [{ $elemMatch: { $where: 1 } }] } }, '$.a.$all[0].$elemMatch.$where', 'operator $where is not allowed'],
    [{ a: { $numberDouble: 'NaN' } }, '$.a.$numberDouble', 'typed value $numberDouble is not supported'],
  ])('%j', (raw, path, message) => {
    expect(issues(raw)).toContainEqual(expect.objectContaining({ path, message: expect.stringContaining(message) }));
  });
});

describe('compileFilter refuses malformed and oversized input', () => {
  it.each([
    [null, 'a filter must be an object'],
    [[{ a: 1 }], 'a filter must be an object'],
    [{ 'a.$b': 1 }, 'looks like an operator'],
    [{ 'a..b': 1 }, 'empty part'],
    [{ constructor: 1 }, "field name 'constructor' is not allowed"],
    [{ a: { b: 1, $gt: 1 } }, 'operator-looking keys are not allowed inside a value'],
    [{ a: { $gt: 1, b: 1 } }, "cannot mix operators and field names ('b')"],
    [{ a: { $in: 5 } }, '$in needs an array'],
    [{ $or: [] }, '$or needs a non-empty array'],
    [{ a: { $not: {} } }, 'non-empty object of operators'],
    [{ a: { $not: 5 } }, 'non-empty object of operators'],
    [{ a: { $size: -1 } }, '$size needs a non-negative whole number'],
    [{ a: { $size: 1.5 } }, '$size needs a non-negative whole number'],
    [{ a: { $type: 'str' } }, 'unknown BSON type "str"'],
    [{ a: { $exists: 'yes' } }, '$exists needs true or false'],
    [{ a: { $options: 'i' } }, '$options needs a $regex'],
    [{ a: { $regex: '(a+)+' } }, 'catastrophic backtracking'],
    [{ a: { $regex: 5 } }, '$regex needs a string'],
    [{ a: { $oid: 'xyz' } }, '$oid must be 24 hex characters'],
    [{ a: { $date: '2024-01-01T00:00:00' } }, '$date must be an ISO-8601 date'],
    [{ a: { $numberDecimal: 'abc' } }, '$numberDecimal must be a decimal number string'],
    [{ a: { $numberLong: '9223372036854775808' } }, '$numberLong must be a decimal int64 string'],
    [{ a: { $all: [{ $elemMatch: { x: 1 } }, 2] } }, '$all cannot mix $elemMatch and plain values'],
    [{ a: { $elemMatch: 5 } }, '$elemMatch needs an object'],
    [{ a: { _bsontype: 'ObjectId' } }, 'key _bsontype is reserved'],
    [{ a: new Map() }, 'unsupported object value'],
    [{ a: () => 1 }, 'unsupported value of type function'],
    [{ a: Number.NaN }, 'numbers must be finite'],
    [{ a: { $in: Array.from({ length: FILTER_LIMITS.maxArrayLength + 1 }, (_, i) => i) } }, 'array longer than'],
    [{ a: 'x'.repeat(FILTER_LIMITS.maxStringLength + 1) }, 'string too long'],
  ])('%j', (raw, message) => {
    expect(
      issues(raw)
        .map((i) => i.message)
        .join(' | '),
    ).toContain(message);
  });

  it('refuses prototype keys wherever JSON.parse left them as own properties', () => {
    const raw = JSON.parse('{"a": {"__proto__": {"x": 1}}}') as unknown;
    expect(issues(raw)).toContainEqual({ path: '$.a.__proto__', code: 'INVALID_ARGUMENT', message: 'key __proto__ is not allowed' });
  });

  it('refuses nesting deeper than the limit', () => {
    let raw: unknown = { a: 1 };
    for (let i = 0; i < FILTER_LIMITS.maxDepth; i++) raw = { $and: [raw] };
    expect(issues(raw).some((i) => i.message.includes('nested deeper than'))).toBe(true);
    let literal: unknown = 1;
    for (let i = 0; i < 100_000; i++) literal = [literal];
    expect(issues({ a: literal }).some((i) => i.message.includes('nested deeper than'))).toBe(true);
  });

  it('refuses filters with too many values overall', () => {
    const branches = Array.from({ length: 100 }, () => ({ a: { $in: Array.from({ length: 60 }, (_, i) => i) } }));
    expect(issues({ $or: branches }).map((i) => i.message)).toContain(`filter larger than ${FILTER_LIMITS.maxNodes} values`);
  });

  it('lists every problem with its path in one error', () => {
    const result = compileFilter({ $where: '1', a: { $mod: [1, 0] }, b: { $regex: '(x*)*' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toEqual([['$where'], ['a', '$mod'], ['b', '$regex']]);
    expect(result.error.message).toMatch(/^INVALID_ARGUMENT: filter rejected \(3 problems\): \$\.\$where: operator \$where/);
  });

  it('prefixes issue paths with where the filter sits', () => {
    const result = compileFilter({ a: { $where: 1 } }, { pathPrefix: ['selection', 'filter'] });
    expect(result.ok ? [] : result.error.details.issues).toEqual([
      { path: '$.selection.filter.a.$where', code: 'INVALID_ARGUMENT', message: expect.stringContaining('$where') },
    ]);
  });
});
