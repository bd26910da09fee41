import { bsonClassOf } from './bson-type';

/** An embedded document: a plain object, not an array and not a BSON value class (Date, ObjectId...). */
export function isDocument(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (value instanceof Date || value instanceof RegExp || value instanceof Uint8Array) return false;
  return bsonClassOf(value) === undefined;
}
