// Money is generated as Decimal128. FerretDB v1 (1.24.2) has no Decimal128: a document holding
// one makes the server drop the connection ("invalid BSON type wirebson.Decimal128"). So the
// seeder feature-detects Decimal128 support and, where it is missing, stores money in a type the
// server has, recording which one it used. MongoDB gets Decimal128.
//   double  exact for these amounts (cents / 100 round-trips through a double), numeric: sorts,
//           range queries and $sum/$group keep working. Default fallback.
//   string  the canonical decimal string ("1234.56"): exact but no numeric semantics.
import { Decimal128, MongoClient, type Document } from 'mongodb';

export type TDecimalEncoding = 'decimal128' | 'double' | 'string';

function encodeValue(v: unknown, mode: Exclude<TDecimalEncoding, 'decimal128'>): unknown {
  if (v instanceof Decimal128) return mode === 'double' ? Number(v.toString()) : v.toString();
  if (Array.isArray(v)) return v.map((x) => encodeValue(x, mode));
  if (v !== null && typeof v === 'object' && !('_bsontype' in v) && !(v instanceof Date)) {
    const out: Document = {};
    for (const [k, x] of Object.entries(v)) out[k] = encodeValue(x, mode);
    return out;
  }
  return v;
}

/** The document with every Decimal128 (at any depth) stored as `mode`; identity for decimal128. */
export function encodeDecimals(doc: Document, mode: TDecimalEncoding): Document {
  return mode === 'decimal128' ? doc : (encodeValue(doc, mode) as Document);
}

/**
 * Whether the server at `uri` stores and returns Decimal128. Uses a throwaway client (a server
 * without the type may drop the connection) without retryable writes, and a scratch database
 * that it drops again.
 */
export async function serverSupportsDecimal128(uri: string, scratchDb: string): Promise<boolean> {
  const probe = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000, retryWrites: false, retryReads: false, maxPoolSize: 1 });
  try {
    await probe.connect();
    const coll = probe.db(scratchDb).collection('decimal_probe');
    const value = Decimal128.fromString('12345.67');
    try {
      const { insertedId } = await coll.insertOne({ value });
      const back = await coll.findOne({ _id: insertedId });
      return back?.value instanceof Decimal128 && back.value.toString() === '12345.67';
    } catch {
      return false;
    }
  } finally {
    try {
      await probe.db(scratchDb).dropDatabase();
    } catch {
      // the probe connection may be gone; the scratch db then never got created
    }
    await probe.close().catch(() => {});
  }
}
