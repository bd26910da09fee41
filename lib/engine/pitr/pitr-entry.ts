import { Long } from 'mongodb';

/**
 * One captured change of one tenant, as stored in oplog segments. `collection` is the
 * tenant-logical name (prefix stripped for COLLECTION_PREFIX), so entries survive a restore into
 * another database or prefix. `doc` is the whole document after the change, exact BSON from the
 * oplog (insert, FerretDB's whole-document update); null for a delete, and for a diff-style
 * update whose post-image could not be read (see README: real MongoDB).
 */
export type TPitrEntry = {
  /** Oplog position: (seconds << 32) | increment. */
  ts: bigint;
  op: 'i' | 'u' | 'd';
  collection: string;
  idKey: string;
  doc: Uint8Array | null;
};

export const compareTs = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
export const byTs = (a: { ts: bigint }, b: { ts: bigint }) => compareTs(a.ts, b.ts);
export const tsSeconds = (ts: bigint) => Number(ts >> 32n);
export const tsToDate = (ts: bigint) => new Date(tsSeconds(ts) * 1000);
/** The last position of a wall-clock second: "state at 14:31:05" includes every entry of that second. */
export const tsEndOfSecond = (at: Date) => (BigInt(Math.floor(at.getTime() / 1000)) << 32n) | 0xffffffffn;
export const tsHex = (ts: bigint) => ts.toString(16).padStart(16, '0');
export const toLong = (ts: bigint) => Long.fromBigInt(ts, true);
export const fromLong = (v: unknown): bigint => (typeof v === 'bigint' ? v : BigInt((v as Long).toString()));
/** Approximate stored size of an entry (segment cut by bytes). */
export const entryBytes = (e: TPitrEntry) => 48 + e.collection.length + e.idKey.length / 2 + (e.doc?.byteLength ?? 0);
