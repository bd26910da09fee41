// Values inside a filter (operands of $eq, $in, implicit equality...): JSON values, with
// EJSON-like typed literals converted to BSON types, or BSON values passed programmatically.
// A `$`-key inside a value is refused (never silently treated as data), so no forbidden operator
// can hide in an operand.
import { Decimal128, Long, ObjectId } from 'mongodb';
import { bsonClassOf } from './bson-type';
import { report, visit, type TCompileContext } from './compile-context';
import { describeOperator } from './describe-operator';
import type { TFilterLiteral } from './filter-ast';
import type { TPathSegment } from './filter-issue';
import { FILTER_LIMITS, PROTOTYPE_KEYS } from './limits';

export const TYPED_LITERAL_KEYS: ReadonlySet<string> = new Set(['$oid', '$date', '$numberDecimal', '$numberLong']);

const PASS_THROUGH_CLASSES = new Set(['ObjectId', 'Decimal128', 'Long', 'Int32', 'Double', 'Binary']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const MAX_DATE_MS = 8.64e15;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** `{"$oid": ...}`-style single-key objects. */
export function isTypedLiteral(raw: unknown): raw is Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || bsonClassOf(raw) !== undefined) return false;
  const keys = Object.keys(raw);
  return keys.length === 1 && TYPED_LITERAL_KEYS.has(keys[0] as string);
}

export function parseFilterLiteral(raw: unknown, path: TPathSegment[], depth: number, ctx: TCompileContext): TFilterLiteral | undefined {
  if (!visit(ctx, path, depth)) return undefined;
  const bad = (message: string): undefined => {
    report(ctx, path, message);
    return undefined;
  };
  if (raw === null || typeof raw === 'boolean') return raw;
  if (typeof raw === 'string') return raw.length > FILTER_LIMITS.maxStringLength ? bad('string too long') : raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : bad('numbers must be finite');
  if (typeof raw === 'bigint') return raw >= INT64_MIN && raw <= INT64_MAX ? Long.fromBigInt(raw) : bad('integer out of int64 range');
  if (typeof raw !== 'object') return bad(`unsupported value of type ${typeof raw}`);
  if (Array.isArray(raw)) {
    if (raw.length > FILTER_LIMITS.maxArrayLength) return bad(`array longer than ${FILTER_LIMITS.maxArrayLength} elements`);
    const out: TFilterLiteral[] = [];
    let ok = true;
    raw.forEach((el: unknown, i) => {
      const v = parseFilterLiteral(el, [...path, i], depth + 1, ctx);
      if (v === undefined) ok = false;
      else out.push(v);
    });
    return ok ? out : undefined;
  }
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? bad('invalid date') : raw;
  const cls = bsonClassOf(raw);
  if (cls !== undefined) return PASS_THROUGH_CLASSES.has(cls) ? (raw as TFilterLiteral) : bad(`unsupported BSON value ${cls}`);
  const proto: unknown = Object.getPrototypeOf(raw);
  if (proto !== Object.prototype && proto !== null) return bad('unsupported object value');
  if (isTypedLiteral(raw)) return parseTypedLiteral(raw, path, ctx);
  const keys = Object.keys(raw);
  if (keys.length > FILTER_LIMITS.maxKeys) return bad(`object with more than ${FILTER_LIMITS.maxKeys} keys`);
  const entries: [string, TFilterLiteral][] = [];
  let ok = true;
  for (const key of keys) {
    const problem = literalKeyProblem(key);
    if (problem) {
      report(ctx, [...path, key], problem);
      ok = false;
      continue;
    }
    const v = parseFilterLiteral((raw as Record<string, unknown>)[key], [...path, key], depth + 1, ctx);
    if (v === undefined) ok = false;
    else entries.push([key, v]);
  }
  return ok ? Object.fromEntries(entries) : undefined;
}

function literalKeyProblem(key: string): string | undefined {
  if (key.startsWith('$')) return `${describeOperator(key)} (operator-looking keys are not allowed inside a value)`;
  if (PROTOTYPE_KEYS.has(key)) return `key ${key} is not allowed`;
  if (key === '_bsontype') return 'key _bsontype is reserved';
  if (key.includes('\0')) return 'keys must not contain NUL';
  return undefined;
}

function parseTypedLiteral(raw: Record<string, unknown>, path: TPathSegment[], ctx: TCompileContext): TFilterLiteral | undefined {
  const [key, value] = Object.entries(raw)[0] as [string, unknown];
  const at = [...path, key];
  const bad = (message: string): undefined => {
    report(ctx, at, message);
    return undefined;
  };
  switch (key) {
    case '$oid':
      return typeof value === 'string' && /^[0-9a-fA-F]{24}$/.test(value) ? ObjectId.createFromHexString(value) : bad('$oid must be 24 hex characters');
    case '$numberLong':
      return parseLong(value) ?? bad('$numberLong must be a decimal int64 string');
    case '$numberDecimal': {
      if (typeof value !== 'string' || value.length > 64 || !/^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$|^[-+]?(?:Infinity|NaN)$/.test(value)) {
        return bad('$numberDecimal must be a decimal number string');
      }
      try {
        return Decimal128.fromString(value);
      } catch {
        return bad('$numberDecimal is out of range or too precise for decimal128');
      }
    }
    default: {
      // $date: ISO-8601 string (a zone is required when a time is given), epoch ms, or {$numberLong}
      let ms: number | undefined;
      if (typeof value === 'string' && ISO_DATE.test(value)) ms = Date.parse(value);
      else if (typeof value === 'number' && Number.isInteger(value)) ms = value;
      else if (isTypedLiteral(value) && Object.keys(value)[0] === '$numberLong') ms = parseLong(value.$numberLong)?.toNumber();
      if (ms === undefined || Number.isNaN(ms) || Math.abs(ms) > MAX_DATE_MS) {
        return bad('$date must be an ISO-8601 date (with a zone when a time is given) or epoch milliseconds');
      }
      return new Date(ms);
    }
  }
}

function parseLong(value: unknown): Long | undefined {
  if (typeof value !== 'string' || !/^-?\d{1,19}$/.test(value)) return undefined;
  const big = BigInt(value);
  return big >= INT64_MIN && big <= INT64_MAX ? Long.fromBigInt(big) : undefined;
}
