// Index and option differences between the snapshot's collection spec and a live collection, by
// index name. Both sides are compared as canonical Extended JSON, without the fields that only
// describe where an index lives (`v`, `ns`).
import { BSON, type Document } from 'mongodb';
import type { TCollectionSpec } from '../format/manifest';
import { canonicalJson } from './canonical-json';

export type TSpecDiff = {
  /** the target collection exists already */
  exists: boolean;
  indexes: { missing: string[]; different: string[]; extra: string[] };
  options: { different: string[] };
};

const toEjson = (d: Document) => BSON.EJSON.serialize(d, { relaxed: false }) as Record<string, unknown>;
const normIndex = ({ v: _v, ns: _ns, ...rest }: Record<string, unknown>) => canonicalJson(rest);

export function compareCollectionSpec(planned: TCollectionSpec, live: { exists: boolean; options: Document; indexes: readonly Document[] }): TSpecDiff {
  const snap = new Map(planned.indexes.map((i) => [String(i.name), normIndex(i)]));
  const cur = new Map(live.indexes.map((i) => toEjson(i)).map((i) => [String(i.name), normIndex(i)]));
  const missing = [...snap.keys()].filter((n) => !cur.has(n));
  const different = [...snap.keys()].filter((n) => cur.has(n) && cur.get(n) !== snap.get(n));
  const extra = [...cur.keys()].filter((n) => !snap.has(n));
  const liveOptions = toEjson(live.options);
  const keys = new Set([...Object.keys(planned.options), ...Object.keys(liveOptions)]);
  const differentOptions = [...keys].filter((k) => {
    const a = planned.options[k];
    const b = liveOptions[k];
    return (a === undefined) !== (b === undefined) || (a !== undefined && canonicalJson(a) !== canonicalJson(b));
  });
  const sort = (xs: string[]) => xs.sort();
  return {
    exists: live.exists,
    indexes: { missing: sort(missing), different: sort(different), extra: sort(extra) },
    options: { different: live.exists ? sort(differentOptions) : [] },
  };
}

/** Index specs the target lacks, ready for createIndexes (never `_id_`, which always exists). */
export function missingIndexSpecs(planned: TCollectionSpec, diff: TSpecDiff): Document[] {
  const missing = new Set(diff.indexes.missing);
  return planned.indexes
    .filter((i) => missing.has(String(i.name)) && i.name !== '_id_')
    .map((i) => {
      const { v: _v, ns: _ns, ...rest } = BSON.EJSON.deserialize(i, { relaxed: false }) as Document;
      return rest;
    });
}
