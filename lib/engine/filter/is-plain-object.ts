import { bsonClassOf } from './bson-type';

/** A JSON-style object literal: Object.prototype or null prototype, not a BSON value class. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && bsonClassOf(value) === undefined;
}
