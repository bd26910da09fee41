// One minimal reproduction per documented FerretDB v1.24.2 deviation: documents, a filter, and
// the `_id`s MongoDB selects (which the engine must select too). filter.int.test.ts asserts that
// FerretDB still answers differently (or errors); when one stops failing, drop its exclusion.
import type { TFerretDeviation } from './ferretdb-deviations';

export type TDeviationProbe = {
  deviation: TFerretDeviation;
  docs: Record<string, unknown>[];
  filter: Record<string, unknown>;
  mongoIds: number[];
};

export const FERRETDB_DEVIATION_PROBES: readonly TDeviationProbe[] = [
  { deviation: 'decimal128', docs: [{ _id: 1, a: 1 }], filter: { a: { $numberDecimal: '1' } }, mongoIds: [1] },
  { deviation: 'decimal128', docs: [{ _id: 1, a: 1 }], filter: { a: { $type: 'decimal' } }, mongoIds: [] },
  { deviation: 'regex-x', docs: [{ _id: 1, a: 'ab' }], filter: { a: { $regex: 'a b', $options: 'x' } }, mongoIds: [1] },
  {
    deviation: 'null-through-array',
    docs: [
      { _id: 1, a: [1, 2] },
      { _id: 2, a: [] },
      { _id: 3, a: [{ y: 1 }] },
    ],
    filter: { 'a.x': null },
    mongoIds: [3],
  },
  {
    deviation: 'path-through-array',
    docs: [
      { _id: 1, b: [{ x: 1 }, { x: 2 }] },
      { _id: 2, b: [{ x: 2 }] },
    ],
    filter: { 'b.x': { $ne: 1 } },
    mongoIds: [2],
  },
  { deviation: 'path-through-array', docs: [{ _id: 1, b: [{ x: 1 }, { x: 2 }] }], filter: { 'b.x': { $gt: 1.5, $lt: 1.5 } }, mongoIds: [1] },
  { deviation: 'path-through-array', docs: [{ _id: 1, b: [{ x: 1 }, { x: 2 }] }], filter: { 'b.x': { $all: [1, 2] } }, mongoIds: [1] },
  { deviation: 'document-equality-in-array', docs: [{ _id: 1, a: [{ x: 1 }, { x: 2 }] }], filter: { a: { x: 1 } }, mongoIds: [1] },
  { deviation: 'elemMatch-document', docs: [{ _id: 1, a: [{ x: 1 }, { x: 2 }] }], filter: { a: { $elemMatch: { x: 1 } } }, mongoIds: [1] },
  {
    deviation: 'elemMatch-document',
    docs: [{ _id: 1, a: [{ x: 2, y: 'a' }] }],
    filter: { a: { $elemMatch: { x: { $gte: 2 }, y: 'a' } } },
    mongoIds: [1],
  },
  { deviation: 'elemMatch-value', docs: [{ _id: 1, b: [1, 2] }], filter: { b: { $elemMatch: { $gt: 1.5, $lt: 1.5 } } }, mongoIds: [] },
  { deviation: 'elemMatch-value', docs: [{ _id: 1, b: [] }], filter: { b: { $elemMatch: { $nin: [1] } } }, mongoIds: [] },
  { deviation: 'elemMatch-value', docs: [{ _id: 1, b: [1, 2] }], filter: { b: { $elemMatch: { $eq: [1, 2] } } }, mongoIds: [] },
  { deviation: 'elemMatch-value', docs: [{ _id: 1, b: [1, 2] }], filter: { b: { $elemMatch: { $type: 'array' } } }, mongoIds: [] },
];
