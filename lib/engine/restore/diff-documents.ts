// Field-level differences between two documents, on their relaxed Extended JSON forms, as a
// jsondiffpatch delta (https://github.com/benjamine/jsondiffpatch/blob/master/docs/deltas.md):
// `{field: [old, new]}`, `{field: [new]}` for added, `{field: [old, 0, 0]}` for removed, nested
// objects recursively, arrays with `_t: "a"`. Array elements with an `_id` are matched by it.
import { create, type Delta } from 'jsondiffpatch';

const differ = create({
  objectHash: (item: object, index?: number) => {
    const id = (item as { _id?: unknown })._id;
    return id === undefined ? `$index:${index ?? ''}` : JSON.stringify(id);
  },
  arrays: { detectMove: false },
});

/** The delta that turns `before` into `after`; undefined when they are equal. */
export function diffDocuments(before: unknown, after: unknown): Delta {
  return differ.diff(before, after);
}

export type { Delta };
