// An in-memory RestoreTarget with MongoDB's query semantics (queries are compiled by the engine's
// own safe-subset filter and evaluated with matchesFilter), duplicate-key errors on upserts whose
// filter misses an existing _id, a log of every call (to assert filters), and a fault hook that
// throws before a chosen operation so tests can crash an execution half-way through a batch.
import { BSON, type Document } from 'mongodb';
import { compileFilter } from '../../filter/compile-filter';
import { matchesFilter } from '../../filter/matches-filter';
import { idKeyFromRaw, idKeyOf } from '../../format/document-key';
import { decodeForFilter } from '../exact-bson';
import type { TTargetNamespace } from '../restore-plan';
import type { RestoreTarget, TWriteOp, TWriteResult } from '../restore-target';

type TColl = { docs: Map<string, Buffer>; indexes: Document[]; options: Document };
export type TTargetCall = { kind: 'find' | 'write' | 'createIndexes'; ns: TTargetNamespace; filter?: Document; ops?: TWriteOp[] };

const nsKey = (ns: TTargetNamespace) => `${ns.database}.${ns.collection}`;

export type MemoryRestoreTarget = RestoreTarget & {
  readonly calls: TTargetCall[];
  /** called before each write operation; throw from it to simulate a crash mid-batch */
  beforeWriteOp: ((ns: TTargetNamespace, op: TWriteOp) => void) | null;
  insert(ns: TTargetNamespace, doc: Document): void;
  remove(ns: TTargetNamespace, id: unknown): void;
  docs(ns: TTargetNamespace): Document[];
  /** hex of every stored document per namespace, sorted: compare whole states */
  state(): Record<string, string[]>;
  clone(): MemoryRestoreTarget;
};

export function createMemoryRestoreTarget(initial?: Map<string, TColl>): MemoryRestoreTarget {
  const colls = new Map<string, TColl>();
  for (const [k, c] of initial ?? []) colls.set(k, { docs: new Map(c.docs), indexes: structuredClone(c.indexes), options: structuredClone(c.options) });
  const calls: TTargetCall[] = [];
  const coll = (ns: TTargetNamespace, create: boolean): TColl | undefined => {
    let c = colls.get(nsKey(ns));
    if (!c && create) colls.set(nsKey(ns), (c = { docs: new Map(), indexes: [{ v: 2, key: { _id: 1 }, name: '_id_' }], options: {} }));
    return c;
  };
  const compile = (filter: Document) => {
    const c = compileFilter(filter);
    if (!c.ok) throw c.error;
    return c.filter;
  };
  const firstMatch = (c: TColl | undefined, filter: Document): string | undefined => {
    const f = compile(filter);
    for (const [k, raw] of c?.docs ?? []) if (matchesFilter(f, decodeForFilter(raw))) return k;
    return undefined;
  };

  const allMatches = (c: TColl | undefined, filter: Document): string[] => {
    const f = compile(filter);
    return [...(c?.docs ?? [])].filter(([, raw]) => matchesFilter(f, decodeForFilter(raw))).map(([k]) => k);
  };

  const target: MemoryRestoreTarget = {
    label: 'memory-restore-target',
    calls,
    beforeWriteOp: null,
    async *find(ns, filter) {
      calls.push({ kind: 'find', ns, filter: structuredClone(filter) });
      const f = compile(filter);
      for (const raw of [...(coll(ns, false)?.docs.values() ?? [])]) if (matchesFilter(f, decodeForFilter(raw))) yield Buffer.from(raw);
    },
    async listCollections(database) {
      return [...colls.entries()]
        .filter(([k]) => k.startsWith(`${database}.`))
        .map(([k, c]) => ({ name: k.slice(database.length + 1), type: 'collection', options: c.options }));
    },
    async listIndexes(ns) {
      return structuredClone(coll(ns, false)?.indexes ?? []);
    },
    async write(ns, ops): Promise<TWriteResult> {
      calls.push({ kind: 'write', ns, ops: structuredClone([...ops]) });
      const res: TWriteResult = { matched: 0, modified: 0, upserted: 0, deleted: 0, errors: [] };
      const c = coll(ns, true)!;
      ops.forEach((op, index) => {
        target.beforeWriteOp?.(ns, op);
        if (op.op === 'insert') {
          const raw = Buffer.from(BSON.serialize(op.document));
          const key = idKeyFromRaw(raw);
          if (c.docs.has(key)) return res.errors.push({ index, code: 11000, message: `E11000 duplicate key error: ${nsKey(ns)} _id` });
          c.docs.set(key, raw);
          res.upserted++;
          return;
        }
        const hit = firstMatch(c, op.filter);
        if (op.op === 'delete') {
          if (hit !== undefined) {
            c.docs.delete(hit);
            res.deleted++;
          }
          return;
        }
        if (op.op === 'set') {
          const hits = op.many ? allMatches(c, op.filter) : hit === undefined ? [] : [hit];
          for (const k of hits) {
            res.matched++;
            c.docs.set(k, Buffer.from(BSON.serialize({ ...BSON.deserialize(c.docs.get(k)!), ...op.set })));
            res.modified++;
          }
          return;
        }
        const raw = Buffer.from(BSON.serialize(op.replacement));
        const key = idKeyFromRaw(raw);
        if (hit !== undefined) {
          res.matched++;
          if (hit !== key) return res.errors.push({ index, code: 66, message: 'replacement changes _id' });
          if (!c.docs.get(hit)!.equals(raw)) res.modified++;
          c.docs.set(hit, raw);
        } else if (c.docs.has(key)) {
          res.errors.push({ index, code: 11000, message: `E11000 duplicate key error: ${nsKey(ns)} _id` });
        } else {
          c.docs.set(key, raw);
          res.upserted++;
        }
      });
      return res;
    },
    async createIndexes(ns, indexes) {
      calls.push({ kind: 'createIndexes', ns });
      const c = coll(ns, true)!;
      for (const i of indexes) if (!c.indexes.some((x) => x.name === i.name)) c.indexes.push({ v: 2, ...structuredClone(i) });
    },
    async close() {},
    insert(ns, doc) {
      const raw = Buffer.from(BSON.serialize(doc));
      coll(ns, true)!.docs.set(idKeyFromRaw(raw), raw);
    },
    remove(ns, id) {
      coll(ns, false)?.docs.delete(idKeyOf(id));
    },
    docs(ns) {
      return [...(coll(ns, false)?.docs.values() ?? [])].map((raw) => BSON.deserialize(raw));
    },
    state() {
      const out: Record<string, string[]> = {};
      for (const [k, c] of [...colls].sort(([a], [b]) => (a < b ? -1 : 1))) out[k] = [...c.docs.values()].map((b) => b.toString('hex')).sort();
      return out;
    },
    clone: () => createMemoryRestoreTarget(colls),
  };
  return target;
}
