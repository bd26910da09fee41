// MongoDB semantics the differential test cannot check against FerretDB (Decimal128, nested
// arrays, the documented FerretDB deviations) or that deserve a readable statement.
import { BSON, Decimal128, Double, Int32, Long, ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { compileFilter } from './compile-filter';
import { matchesFilter } from './matches-filter';

type TDoc = Record<string, unknown> & { _id: number };

function select(raw: unknown, docs: TDoc[]): number[] {
  const compiled = compileFilter(raw);
  if (!compiled.ok) throw compiled.error;
  return docs.filter((d) => matchesFilter(compiled.filter, d)).map((d) => d._id);
}

describe('null and missing', () => {
  const docs: TDoc[] = [{ _id: 1 }, { _id: 2, a: null }, { _id: 3, a: [] }, { _id: 4, a: [null, 1] }, { _id: 5, a: [1, 2] }, { _id: 6, a: 0 }];
  it.each([
    [{ a: null }, [1, 2, 4]],
    [{ a: { $ne: null } }, [3, 5, 6]],
    [{ a: { $gte: null } }, [1, 2, 4]],
    [{ a: { $lt: null } }, []],
    [{ a: { $in: [null] } }, [1, 2, 4]],
    [{ a: { $exists: false } }, [1]],
    [{ a: { $type: 'null' } }, [2, 4]],
  ])('%j -> %j', (f, ids) => expect(select(f, docs)).toEqual(ids));

  it('a path through an array with no documents reaches nothing, not even "missing"', () => {
    const d: TDoc[] = [
      { _id: 1, a: [1, 2] },
      { _id: 2, a: [] },
      { _id: 3, a: [{ y: 1 }] },
      { _id: 4, a: 5 },
      { _id: 5, a: [{ x: null }] },
    ];
    expect(select({ 'a.x': null }, d)).toEqual([3, 4, 5]);
    expect(select({ 'a.x': { $exists: false } }, d)).toEqual([1, 2, 3, 4]);
    expect(select({ 'a.x': { $ne: null } }, d)).toEqual([1, 2]);
  });
});

describe('arrays', () => {
  const docs: TDoc[] = [
    { _id: 1, a: [1, 2, 3] },
    { _id: 2, a: [[1, 2], 3] },
    { _id: 3, a: [{ x: 1 }, { x: 2, y: 'a' }] },
    { _id: 4, a: [{ x: [1, 2] }] },
    { _id: 5, a: 2 },
    { _id: 6, a: [[{ x: 1 }]] },
  ];
  it.each([
    [{ a: 2 }, [1, 5]], // any element, or the scalar itself
    [{ a: [1, 2] }, [2]], // the whole array, or an element that is that array
    [{ a: 1 }, [1]], // nested arrays are not flattened
    [{ a: { $gt: 2, $lt: 2 } }, [1]], // different elements may satisfy different conditions
    [{ a: { $elemMatch: { $gt: 2, $lt: 2 } } }, []], // ...not under $elemMatch
    [{ a: { $elemMatch: { $gt: 1, $lt: 3 } } }, [1]],
    [{ a: { $size: 2 } }, [2, 3]],
    [{ a: { $all: [1, 2] } }, [1]],
    [{ a: { $all: [[1, 2]] } }, [2]],
    [{ 'a.x': 1 }, [3, 4]],
    [{ 'a.x': { $gt: 1.5, $lt: 1.5 } }, [3, 4]],
    [{ 'a.x': { $ne: 1 } }, [1, 2, 5, 6]],
    [{ 'a.x': { $all: [1, 2] } }, [3, 4]],
    [{ 'a.0': 1 }, [1]],
    [{ 'a.0': [1, 2] }, [2]], // an offset yields the element itself, not its elements
    [{ 'a.0.1': 2 }, [2]],
    [{ 'a.0.x': 1 }, [3, 4, 6]],
    [{ a: { x: 1 } }, [3]],
    [{ a: { $elemMatch: { x: 1 } } }, [3, 4]],
    [{ a: { $elemMatch: { x: { $gte: 2 }, y: 'a' } } }, [3]],
    [{ a: { $elemMatch: { 0: 1 } } }, [2]], // array elements are documents keyed "0", "1", ...
    [{ a: { $elemMatch: { $elemMatch: { $eq: 2 } } } }, [2]],
    [{ a: { $all: [{ $elemMatch: { x: 1 } }, { $elemMatch: { y: 'a' } }] } }, [3]],
    [{ a: { $type: 'array' } }, [1, 2, 3, 4, 6]],
    [{ a: { $elemMatch: { $type: 'array' } } }, [2, 6]],
    [{ a: { $elemMatch: { $nin: [1] } } }, [1, 2, 3, 4, 6]],
  ])('%j -> %j', (f, ids) => expect(select(f, docs)).toEqual(ids));

  it('$elemMatch never matches an empty array, even with a negation', () => {
    expect(select({ a: { $elemMatch: { $ne: 1 } } }, [{ _id: 1, a: [] }])).toEqual([]);
  });
});

describe('type bracketing and numeric types', () => {
  const docs: TDoc[] = [
    { _id: 1, a: new Int32(5) },
    { _id: 2, a: new Double(5) },
    { _id: 3, a: Long.fromNumber(5) },
    { _id: 4, a: Decimal128.fromString('5.00') },
    { _id: 5, a: '5' },
    { _id: 6, a: Decimal128.fromString('NaN') },
    { _id: 7, a: new Date(5) },
    { _id: 8, a: ObjectId.createFromHexString('000000000000000000000005') },
    { _id: 9, a: Long.fromString('9007199254740993') },
  ];
  it.each([
    [{ a: 5 }, [1, 2, 3, 4]],
    [{ a: { $numberDecimal: '5' } }, [1, 2, 3, 4]],
    [{ a: { $gt: 4 } }, [1, 2, 3, 4, 9]], // never the string, date or ObjectId
    [{ a: { $gt: '4' } }, [5]],
    [{ a: { $lt: 1e300 } }, [1, 2, 3, 4, 9]], // NaN is not less than anything...
    [{ a: { $gte: { $numberDecimal: 'NaN' } } }, [6]], // ...but equals NaN
    [{ a: { $gt: 9007199254740992 } }, [9]],
    [{ a: { $numberLong: '9007199254740993' } }, [9]],
    [{ a: { $lt: { $date: '1970-01-01T00:00:01Z' } } }, [7]],
    [{ a: { $type: 'number' } }, [1, 2, 3, 4, 6, 9]],
    [{ a: { $type: 'int' } }, [1]],
    [{ a: { $type: 'double' } }, [2]],
    [{ a: { $type: ['long', 19] } }, [3, 4, 6, 9]],
  ])('%j -> %j', (f, ids) => expect(select(f, docs)).toEqual(ids));

  it('classifies promoted JS numbers the way the driver encodes them', () => {
    const promoted = BSON.deserialize(BSON.serialize({ i: new Int32(5), d: new Double(5.5), n: new Double(5) }));
    const doc = { _id: 1, ...promoted };
    expect(select({ i: { $type: 'int' } }, [doc])).toEqual([1]);
    expect(select({ d: { $type: 'double' } }, [doc])).toEqual([1]);
    // Promotion loses the double-ness of 5.0: decode with promoteValues: false when $type matters.
    expect(select({ n: { $type: 'int' } }, [doc])).toEqual([1]);
  });
});

describe('documents and logical operators', () => {
  const docs: TDoc[] = [
    { _id: 1, a: { x: 1, y: 2 } },
    { _id: 2, a: { y: 2, x: 1 } },
    { _id: 3, a: { x: 1 } },
    { _id: 4, b: 'keep' },
  ];
  it.each([
    [{ a: { x: 1, y: 2 } }, [1]], // field order matters for embedded-document equality
    [{ a: { $gt: { x: 1 } } }, [1, 2]],
    [{ 'a.x': 1 }, [1, 2, 3]],
    [{ $or: [{ 'a.y': 2 }, { b: 'keep' }] }, [1, 2, 4]],
    [{ $nor: [{ 'a.y': 2 }, { b: 'keep' }] }, [3]],
    [{ $and: [{ 'a.x': 1 }, { 'a.y': { $exists: false } }] }, [3]],
    [{ a: { $not: { $type: 'object' } } }, [4]],
    [{}, [1, 2, 3, 4]],
  ])('%j -> %j', (f, ids) => expect(select(f, docs)).toEqual(ids));
});

describe('$regex', () => {
  const docs: TDoc[] = [
    { _id: 1, s: 'Hello' },
    { _id: 2, s: ['x', 'hello'] },
    { _id: 3, s: 5 },
    { _id: 4, s: /^Hel/i },
  ];
  it.each([
    [{ s: { $regex: '^hel' } }, [2]],
    [{ s: { $regex: '^hel', $options: 'i' } }, [1, 2]],
    [{ s: { $not: { $regex: '^hel' } } }, [1, 3, 4]],
    [{ s: { $regex: '^Hel', $options: 'i' } }, [1, 2, 4]], // a stored regex matches an identical pattern
  ])('%j -> %j', (f, ids) => expect(select(f, docs)).toEqual(ids));
});
