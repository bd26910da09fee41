import { Timestamp, type Document } from 'mongodb';

// Just enough of the MongoDB query language for the engine's own queries: equality on dotted
// paths, $in, $gt/$gte/$lt/$lte (numbers, strings, Timestamps), $and, $or.

function get(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

const norm = (v: unknown): unknown => {
  if (v instanceof Timestamp) return v.toBigInt();
  if (v && typeof v === 'object' && 'toHexString' in v) return (v as { toHexString(): string }).toHexString();
  return v;
};
const eq = (a: unknown, b: unknown) => JSON.stringify(norm(a), big) === JSON.stringify(norm(b), big);
const big = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

function cmp(a: unknown, b: unknown): number {
  const x = norm(a) as number | bigint | string;
  const y = norm(b) as number | bigint | string;
  return x < y ? -1 : x > y ? 1 : 0;
}

function matchValue(value: unknown, cond: unknown): boolean {
  if (cond && typeof cond === 'object' && !(cond instanceof Timestamp) && Object.keys(cond).some((k) => k.startsWith('$'))) {
    return Object.entries(cond as Document).every(([op, arg]) => {
      if (value === undefined && op !== '$exists') return false;
      switch (op) {
        case '$in':
          return (arg as unknown[]).some((x) => eq(value, x));
        case '$gt':
          return cmp(value, arg) > 0;
        case '$gte':
          return cmp(value, arg) >= 0;
        case '$lt':
          return cmp(value, arg) < 0;
        case '$lte':
          return cmp(value, arg) <= 0;
        case '$exists':
          return (value !== undefined) === Boolean(arg);
        default:
          throw new Error(`match-filter: unsupported operator ${op}`);
      }
    });
  }
  return eq(value, cond);
}

export function matches(doc: Document, filter: Document): boolean {
  return Object.entries(filter).every(([k, cond]) => {
    if (k === '$and') return (cond as Document[]).every((f) => matches(doc, f));
    if (k === '$or') return (cond as Document[]).some((f) => matches(doc, f));
    return matchValue(get(doc, k), cond);
  });
}

export function project(doc: Document, projection: Document | undefined): Document {
  if (!projection) return doc;
  const out: Document = {};
  for (const [k, v] of Object.entries(projection)) if (v && k in doc) out[k] = doc[k];
  if (projection._id !== 0 && '_id' in doc) out._id = doc._id;
  return out;
}
