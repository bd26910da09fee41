// Exact comparison across BSON's numeric types (double, int32, int64, decimal128), as MongoDB
// compares them: by value, with NaN equal to itself and below every other number. Mixed
// comparisons go through exact rationals (BigInt) so Long(2^53+1) > 2^53 and
// Decimal128("0.1") < 0.1 (the double is 0.1000000000000000055...).
import { bsonClassOf } from './bson-type';

type TExact = { num: bigint; den: bigint };
type TNumeric = { kind: 'float'; value: number } | { kind: 'exact'; value: TExact } | { kind: 'decimal-special'; value: number };

const decimalCache = new WeakMap<object, TNumeric>();

/** True for a value whose canonical BSON type is numeric and which is NaN. */
export function isNumericNaN(value: unknown): boolean {
  const n = toNumeric(value);
  return n !== undefined && n.kind !== 'exact' && Number.isNaN(n.value);
}

/** -1 / 0 / 1; both arguments must be numeric BSON values. */
export function compareNumbers(a: unknown, b: unknown): number {
  const x = toNumeric(a);
  const y = toNumeric(b);
  if (x === undefined || y === undefined) throw new TypeError('compareNumbers: not a number');
  const fx = x.kind === 'exact' ? undefined : x.value;
  const fy = y.kind === 'exact' ? undefined : y.value;
  const nanX = fx !== undefined && Number.isNaN(fx);
  const nanY = fy !== undefined && Number.isNaN(fy);
  if (nanX || nanY) return nanX && nanY ? 0 : nanX ? -1 : 1;
  if (fx !== undefined && fy !== undefined) return fx < fy ? -1 : fx > fy ? 1 : 0;
  // One side is exact; an infinite float decides by sign alone.
  if (fx !== undefined && !Number.isFinite(fx)) return fx > 0 ? 1 : -1;
  if (fy !== undefined && !Number.isFinite(fy)) return fy > 0 ? -1 : 1;
  const ex = x.kind === 'exact' ? x.value : floatToExact(x.value);
  const ey = y.kind === 'exact' ? y.value : floatToExact(y.value);
  const l = ex.num * ey.den;
  const r = ey.num * ex.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

function toNumeric(value: unknown): TNumeric | undefined {
  if (typeof value === 'number') return { kind: 'float', value };
  if (typeof value === 'bigint') return { kind: 'exact', value: { num: value, den: 1n } };
  if (typeof value !== 'object' || value === null) return undefined;
  switch (bsonClassOf(value)) {
    case 'Double':
    case 'Int32':
      return { kind: 'float', value: (value as { value: number }).value };
    case 'Long': {
      const long = value as { toBigInt(): bigint };
      return { kind: 'exact', value: { num: long.toBigInt(), den: 1n } };
    }
    case 'Decimal128': {
      const cached = decimalCache.get(value);
      if (cached) return cached;
      const parsed = parseDecimal(String(value));
      decimalCache.set(value, parsed);
      return parsed;
    }
    default:
      return undefined;
  }
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?(?:E([+-]?\d+))?$/i;

function parseDecimal(text: string): TNumeric {
  if (/^[+-]?nan$/i.test(text)) return { kind: 'decimal-special', value: Number.NaN };
  if (/^[+-]?inf(inity)?$/i.test(text)) return { kind: 'decimal-special', value: text.startsWith('-') ? -Infinity : Infinity };
  const m = DECIMAL.exec(text);
  if (!m) throw new TypeError(`unparseable Decimal128 ${text}`);
  const frac = m[3] ?? '';
  let coeff = BigInt(`${m[2] ?? '0'}${frac}`);
  if (m[1] === '-') coeff = -coeff;
  const exp = Number(m[4] ?? '0') - frac.length;
  return exp >= 0 ? { kind: 'exact', value: { num: coeff * 10n ** BigInt(exp), den: 1n } } : { kind: 'exact', value: { num: coeff, den: 10n ** BigInt(-exp) } };
}

const view = new DataView(new ArrayBuffer(8));

function floatToExact(x: number): TExact {
  if (Number.isInteger(x)) return { num: BigInt(x), den: 1n };
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const negative = hi >>> 31 === 1;
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let shift: number;
  if (biased === 0)
    shift = 1074; // subnormal: m * 2^-1074
  else {
    mantissa |= 1n << 52n;
    shift = 1075 - biased; // (m + 2^52) * 2^(e - 1075); positive because x is not an integer
  }
  return { num: negative ? -mantissa : mantissa, den: 1n << BigInt(shift) };
}
