// The values a dotted path reaches in a document, following MongoDB's matcher
// (src/mongo/db/matcher/path.cpp, BSONElementIterator):
// * objects are walked field by field; a scalar in the middle of the path yields MISSING;
// * an array in the middle is traversed: each element that is a document continues with the
//   same remaining path; a numeric path part also selects the element at that offset (an
//   offset at the end of the path yields the element itself, never its elements); nested arrays
//   are entered only through an offset. If nothing is reached through an array, nothing is
//   yielded at all (not even MISSING): `{"a.b": null}` does not match `{a: [1, 2]}`;
// * an array at the end of the path yields each element and then the array itself, unless
//   `expandLeafArrays` is false ($size and $elemMatch look at the array as a whole).
import { isDocument } from './is-document';

export const MISSING: unique symbol = Symbol('missing');
export type TMissing = typeof MISSING;

export function resolvePath(doc: object, parts: readonly string[], expandLeafArrays: boolean): unknown[] {
  const out: unknown[] = [];
  walkObject(doc, parts, 0, expandLeafArrays, out);
  return out;
}

function getField(obj: object, name: string): unknown {
  return Object.hasOwn(obj, name) ? (obj as Record<string, unknown>)[name] : MISSING;
}

function walkObject(obj: object, parts: readonly string[], start: number, expand: boolean, out: unknown[]): void {
  let current: object = obj;
  let value: unknown = MISSING;
  let i = start;
  while (i < parts.length) {
    value = getField(current, parts[i] as string);
    if (value === MISSING || Array.isArray(value)) break;
    if (isDocument(value)) {
      current = value;
      i++;
      continue;
    }
    if (i + 1 < parts.length) value = MISSING;
    break;
  }
  if (!Array.isArray(value)) {
    out.push(value === undefined ? MISSING : value);
    return;
  }
  walkArray(value, parts, i + 1, expand, out);
}

function walkArray(arr: readonly unknown[], parts: readonly string[], next: number, expand: boolean, out: unknown[]): void {
  if (next >= parts.length) {
    if (expand) for (const el of arr) out.push(el === undefined ? null : el);
    out.push(arr);
    return;
  }
  const piece = parts[next] as string;
  const isOffset = /^\d+$/.test(piece);
  const lastPiece = next + 1 === parts.length;
  for (let idx = 0; idx < arr.length; idx++) {
    const el = arr[idx];
    const offsetHit = isOffset && piece === String(idx);
    if (isDocument(el)) {
      walkObject(el, parts, next, expand, out);
      if (offsetHit) {
        if (lastPiece) out.push(el);
        else walkObject(el, parts, next + 1, expand, out);
      }
    } else if (offsetHit) {
      if (lastPiece) out.push(el === undefined ? null : el);
      else if (Array.isArray(el)) walkArray(el, parts, next + 1, expand, out);
    }
  }
}
