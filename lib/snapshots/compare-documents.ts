import { create, type Delta } from 'jsondiffpatch';

export type TFieldChange = {
  /** dotted path, array offsets as numbers: "items.2.qty" */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  /** value in the live document (undefined when added in the snapshot) */
  live?: unknown;
  /** value in the snapshot (undefined when removed) */
  snapshot?: unknown;
};

// Arrays of documents are matched by _id where they have one, so a moved element is not a
// delete + insert of every field.
const differ = create({
  objectHash: (o: object, i?: number) => {
    const id = (o as { _id?: unknown })._id;
    return id === undefined ? `$$index:${i ?? 0}` : JSON.stringify(id);
  },
  arrays: { detectMove: false },
});

/** live → snapshot, as jsondiffpatch delta (same direction as the restore engine's dry-run). */
export function diffLiveToSnapshot(live: unknown, snapshot: unknown): Delta {
  return differ.diff(live, snapshot);
}

/**
 * A jsondiffpatch delta flattened to one row per changed field, for the side-by-side view and
 * for counting. Formats: [new] added, [old, new] changed, [old, 0, 0] removed; `_t: "a"` marks
 * an array delta whose keys are new offsets, or `_<n>` for removed old offsets.
 */
export function flattenDelta(delta: Delta, base: string[] = []): TFieldChange[] {
  if (delta === undefined || delta === null) return [];
  const out: TFieldChange[] = [];
  const path = (k: string) => [...base, k].join('.');
  if (Array.isArray(delta)) {
    if (delta.length === 1) return [{ path: base.join('.'), kind: 'added', snapshot: delta[0] }];
    if (delta.length === 2) return [{ path: base.join('.'), kind: 'changed', live: delta[0], snapshot: delta[1] }];
    if (delta.length === 3 && delta[2] === 0) return [{ path: base.join('.'), kind: 'removed', live: delta[0] }];
    return [{ path: base.join('.'), kind: 'changed' }];
  }
  const obj = delta as Record<string, unknown>;
  const isArray = obj._t === 'a';
  for (const [k, v] of Object.entries(obj)) {
    if (k === '_t') continue;
    const key = isArray && k.startsWith('_') ? k.slice(1) : k;
    if (Array.isArray(v)) {
      if (v.length === 1) out.push({ path: path(key), kind: 'added', snapshot: v[0] });
      else if (v.length === 2) out.push({ path: path(key), kind: 'changed', live: v[0], snapshot: v[1] });
      else if (v.length === 3 && v[2] === 0) out.push({ path: path(key), kind: 'removed', live: v[0] });
      else out.push({ path: path(key), kind: 'changed' });
    } else if (v && typeof v === 'object') {
      out.push(...flattenDelta(v as Delta, [...base, key]));
    }
  }
  return out;
}
