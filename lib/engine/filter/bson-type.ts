// BSON type names, numbers and MongoDB's canonical sort ranks, for `$type` and type bracketing.
// Values are decoded BSON: plain JS scalars, arrays and objects plus the `bson` classes. Decode
// with `promoteValues: false` when `$type` must tell int from double: a promoted JS number is
// classified the way the driver would encode it (int32 when integral and in range, else double).
export const BSON_TYPE_NUMBERS = {
  double: 1,
  string: 2,
  object: 3,
  array: 4,
  binData: 5,
  undefined: 6,
  objectId: 7,
  bool: 8,
  date: 9,
  null: 10,
  regex: 11,
  dbPointer: 12,
  javascript: 13,
  symbol: 14,
  javascriptWithScope: 15,
  int: 16,
  timestamp: 17,
  long: 18,
  decimal: 19,
  minKey: -1,
  maxKey: 127,
} as const;

export type TBsonConcreteType = keyof typeof BSON_TYPE_NUMBERS;
/** `number` is MongoDB's alias for double | int | long | decimal */
export type TBsonTypeName = TBsonConcreteType | 'number';

export const NUMERIC_TYPES: ReadonlySet<TBsonConcreteType> = new Set(['double', 'int', 'long', 'decimal']);

/** MongoDB's canonicalizeBSONType: comparisons only happen within one rank ("type bracketing"). */
const CANONICAL_RANK: Record<TBsonConcreteType, number> = {
  minKey: -1,
  undefined: 0,
  null: 5,
  double: 10,
  int: 10,
  long: 10,
  decimal: 10,
  string: 15,
  symbol: 15,
  object: 20,
  array: 25,
  binData: 30,
  objectId: 35,
  bool: 40,
  date: 45,
  timestamp: 47,
  regex: 50,
  dbPointer: 55,
  javascript: 60,
  javascriptWithScope: 65,
  maxKey: 127,
};

const BSON_VERSION = Symbol.for('@@mdb.bson.version');

/** The `_bsontype` of a genuine `bson` class instance; plain data objects never qualify. */
export function bsonClassOf(value: object): string | undefined {
  const tag = (value as { _bsontype?: unknown })._bsontype;
  if (typeof tag !== 'string') return undefined;
  return (value as Record<symbol, unknown>)[BSON_VERSION] === undefined ? undefined : tag;
}

const CLASS_TYPES: Record<string, TBsonConcreteType> = {
  Double: 'double',
  Int32: 'int',
  Long: 'long',
  Decimal128: 'decimal',
  ObjectId: 'objectId',
  ObjectID: 'objectId',
  Binary: 'binData',
  BSONRegExp: 'regex',
  Timestamp: 'timestamp',
  MinKey: 'minKey',
  MaxKey: 'maxKey',
  BSONSymbol: 'symbol',
  DBRef: 'object',
};

export function bsonTypeOf(value: unknown): TBsonConcreteType {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'bigint':
      return 'long';
    case 'number':
      return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647 && !Object.is(value, -0) ? 'int' : 'double';
    case 'object':
      break;
    default:
      return 'javascript';
  }
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (value instanceof RegExp) return 'regex';
  if (value instanceof Uint8Array) return 'binData';
  const cls = bsonClassOf(value);
  if (cls === undefined) return 'object';
  if (cls === 'Code') return (value as { scope?: unknown }).scope ? 'javascriptWithScope' : 'javascript';
  return CLASS_TYPES[cls] ?? 'object';
}

export function canonicalRank(type: TBsonConcreteType): number {
  return CANONICAL_RANK[type];
}

export function isBsonTypeName(name: string): name is TBsonTypeName {
  return name === 'number' || Object.hasOwn(BSON_TYPE_NUMBERS, name);
}

export function bsonTypeNameOfNumber(n: number): TBsonConcreteType | undefined {
  for (const [name, num] of Object.entries(BSON_TYPE_NUMBERS)) if (num === n) return name as TBsonConcreteType;
  return undefined;
}
