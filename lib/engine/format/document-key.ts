import { BSON, type Document } from 'mongodb';
import { EngineError } from '../errors/engine-error';
import { hmac } from '../keys/aead';

// Documents stay undecoded BSON; the only thing the engine extracts is the `_id` element, as its
// type byte followed by its value bytes ("id key", hex). Sorting id keys as strings gives the
// index a total order that needs no BSON comparison rules; lookups serialize the wanted _id the
// same way. Consequence (documented in README): numeric _ids match only with the same BSON type.

const ID_NAME = Buffer.from('_id', 'utf8');

/** Type byte ‖ value bytes of a top-level field, hex; null when absent. Nothing is decoded. */
export function fieldKeyFromRaw(raw: Uint8Array, field: string): string | null {
  const buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const name = field === '_id' ? ID_NAME : Buffer.from(field, 'utf8');
  for (const [type, nameOffset, nameLength, offset, length] of BSON.onDemand.parseToElements(raw)) {
    if (nameLength === name.length && buf.subarray(nameOffset, nameOffset + nameLength).equals(name)) {
      const out = Buffer.alloc(1 + length);
      out[0] = type;
      buf.copy(out, 1, offset, offset + length);
      return out.toString('hex');
    }
  }
  return null;
}

export function idKeyFromRaw(raw: Uint8Array): string {
  const key = fieldKeyFromRaw(raw, '_id');
  if (key === null) throw new EngineError('INVALID_ARGUMENT', 'document has no _id');
  return key;
}

/** The field key a value would have, to compare with fieldKeyFromRaw (tenant-field checks). */
export function valueKeyOf(value: unknown): string {
  return fieldKeyFromRaw(BSON.serialize({ v: value }), 'v')!;
}

/** The id key of an _id value (ObjectId, string, number, ...), for lookups. */
export function idKeyOf(id: unknown): string {
  return valueKeyOf(id);
}

/** Inverse of idKeyOf: rebuilds a one-field document and decodes it. */
export function idFromKey(idKey: string): unknown {
  const bytes = Buffer.from(idKey, 'hex');
  const type = bytes[0];
  if (type === undefined) throw new EngineError('INVALID_ARGUMENT', 'empty id key');
  const body = Buffer.concat([Buffer.from([type]), ID_NAME, Buffer.from([0]), bytes.subarray(1), Buffer.from([0])]);
  const doc = Buffer.alloc(4 + body.length);
  doc.writeInt32LE(doc.length, 0);
  body.copy(doc, 4);
  return (BSON.deserialize(doc, { promoteValues: true }) as Document)._id;
}

/**
 * Keyed blob id: HMAC(tenant blob-id secret, collection ‖ idKey ‖ bson), 128 bits, hex. Keyed per
 * tenant, so identical documents in two tenants never share an id (no cross-tenant dedup and no
 * confirmation-of-content attack across tenants); the collection is the tenant-logical name, so
 * ids survive a restore into another database or prefix.
 */
export function blobIdOf(secret: Uint8Array, collection: string, idKey: string, bson: Uint8Array): string {
  return hmac(secret, collection, Buffer.from(idKey, 'hex'), bson).subarray(0, 16).toString('hex');
}
