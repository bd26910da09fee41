// Decoding raw BSON without losing what makes the bytes what they are. The driver cannot send raw
// bytes as a replacement, so a restored document is decoded and re-encoded: with these options
// doubles stay doubles, int64 stays int64, binary subtypes and regex flags survive, and the
// re-encoded bytes equal the snapshot's (verifyRestore proves it per document by blob id).
import { BSON, type Document } from 'mongodb';

export const EXACT_DECODE = {
  promoteValues: false,
  promoteLongs: false,
  promoteBuffers: false,
  bsonRegExp: true,
} as const;

/** For writes: a document whose re-encoding is byte-identical to `raw` (see README limits). */
export function decodeExact(raw: Uint8Array): Document {
  return BSON.deserialize(raw, EXACT_DECODE);
}

/** For filter evaluation: `$type` must tell 5.0 from 5, so values stay typed. */
export function decodeForFilter(raw: Uint8Array): Document {
  return BSON.deserialize(raw, { promoteValues: false, promoteLongs: false });
}

/** For people (diffs): relaxed Extended JSON, e.g. {"$oid": …}, {"$date": "…"}, plain numbers. */
export function toRelaxedEjson(raw: Uint8Array): Record<string, unknown> {
  return BSON.EJSON.serialize(BSON.deserialize(raw), { relaxed: true }) as Record<string, unknown>;
}
