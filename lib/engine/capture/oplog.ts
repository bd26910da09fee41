import { BSON, Timestamp, type Document } from 'mongodb';
import { fieldKeyFromRaw } from '../format/document-key';
import type { MongoEndpoint } from '../ports/mongo-endpoint';

// FerretDB (v1.24) keeps a MongoDB-shaped `local.oplog.rs` once that capped collection exists:
// insert op 'i' with the full document, update op 'u' with o: {$v: 1, $set: <whole new doc>} and
// o2: {_id}, delete op 'd' with o: {_id}; `ts` increases monotonically. MongoDB writes the same
// shape for 'i'/'d' but `$v: 2` diffs for 'u', which cannot be replayed without the old document;
// such entries are answered by re-reading the document (counted as `refetched`).

export const OPLOG_DB = 'local';
export const OPLOG_COLL = 'oplog.rs';

export const tsToBigInt = (ts: Timestamp) => (BigInt(ts.high >>> 0) << 32n) | BigInt(ts.low >>> 0);
export const bigIntToTs = (v: bigint) => new Timestamp({ t: Number(v >> 32n), i: Number(v & 0xffffffffn) });
export const formatTs = (v: bigint) => `${v >> 32n}:${v & 0xffffffffn}`;

export async function hasOplog(endpoint: MongoEndpoint): Promise<boolean> {
  const colls = await endpoint.listCollections(OPLOG_DB).catch(() => []);
  return colls.some((c) => c.name === OPLOG_COLL);
}

/**
 * The oldest oplog position, to detect a roll-over past the window start. Natural order with
 * limit 1 and a `ts`-only projection: cheap, and no document content of any tenant is read.
 */
export async function oldestOplogTs(endpoint: MongoEndpoint): Promise<bigint | null> {
  for await (const e of endpoint.find(OPLOG_DB, OPLOG_COLL, {}, { limit: 1, projection: { ts: 1, _id: 0 } })) {
    return tsToBigInt(e.ts as Timestamp);
  }
  return null;
}

/**
 * Oplog positions from the server clock instead of oplog queries: FerretDB v1 (SQLite) cannot
 * push `sort: {$natural: -1}` down, so "newest entry" costs a scan of the whole oplog, while
 * `ts` is the server's wall clock in seconds. A window that starts a second early only
 * re-applies changes the scan already saw, which is harmless (replay is in ts order to the end).
 */
export const tsAtOrBefore = (at: Date) => BigInt(Math.floor(at.getTime() / 1000) - 1) << 32n;
export const tsAtOrAfter = (at: Date) => (BigInt(Math.floor(at.getTime() / 1000)) << 32n) | 0xffffffffn;

export type TOplogOp =
  | { op: 'i'; ts: bigint; ns: string; doc: Uint8Array }
  | { op: 'u'; ts: bigint; ns: string; doc: Uint8Array | null; id: unknown }
  | { op: 'd'; ts: bigint; ns: string; id: unknown };

function subdocument(raw: Uint8Array, name: string): Uint8Array | null {
  const buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  for (const [type, nameOffset, nameLength, offset, length] of BSON.onDemand.parseToElements(raw)) {
    if (type === 3 && buf.toString('utf8', nameOffset, nameOffset + nameLength) === name) return raw.subarray(offset, offset + length);
  }
  return null;
}

/** Parses one raw oplog entry; keeps the changed document as the exact bytes the oplog holds. */
export function parseOplogEntry(raw: Uint8Array): TOplogOp | null {
  const meta = BSON.deserialize(raw, { promoteValues: false, promoteLongs: false }) as Document;
  const ts = tsToBigInt(meta.ts as Timestamp);
  const op = String(meta.op);
  const ns = String(meta.ns);
  const o = subdocument(raw, 'o');
  if (!o) return null;
  if (op === 'i') return { op, ts, ns, doc: o };
  if (op === 'd') return { op, ts, ns, id: (BSON.deserialize(o) as Document)._id };
  if (op === 'u') {
    const o2 = meta.o2 as Document | undefined;
    const id = (BSON.deserialize(subdocument(raw, 'o2') ?? BSON.serialize({})) as Document)._id;
    const v = (meta.o as Document).$v;
    const set = subdocument(o, '$set');
    const whole = Number(v) === 1 && set && Object.keys(meta.o as Document).length === 2 ? set : null;
    return { op, ts, ns, doc: whole && fieldKeyFromRaw(whole, '_id') !== null ? whole : null, id: id ?? o2?._id };
  }
  return null; // 'n' no-ops, 'c' commands: DDL is captured by the collection specs instead
}
