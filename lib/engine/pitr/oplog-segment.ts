import { BSON, Binary, type Document } from 'mongodb';
import { EngineError } from '../errors/engine-error';
import { keyBasename, oplogSegmentKey, oplogSegmentPrefix } from '../format/layout';
import { openObject, sealObject } from '../format/sealed-object';
import type { TRepository } from '../repo/repository';
import { byTs, fromLong, toLong, tsHex, type TPitrEntry } from './pitr-entry';

// An oplog segment: every captured entry of one tenant with fromTs < ts ≤ toTs (fromTs is
// exclusive, so consecutive segments chain: next.fromTs = prev.toTs). Sealed like an index
// segment (head ‖ AES-GCM(DEK, zstd(plaintext)) ‖ stamp, DEK wrapped under the tenant KEK), stored
// content-addressed under `oplog/<fromTs>-<toTs>/<stamp>`; the range is the AEAD oid, so a
// segment renamed to another range, moved to another tenant or retyped fails authentication.
// Plaintext: a BSON header {v: 1, from, to, count} followed by `count` BSON entries
// {t: ts, o: op, c: collection, k: idKey, d: document bytes | null}.

export type TOplogSegmentRef = { key: string; id: string; fromTs: bigint; toTs: bigint; size: number };

const RANGE_RE = /^([0-9a-f]{16})-([0-9a-f]{16})$/;
export const rangeOf = (fromTs: bigint, toTs: bigint) => `${tsHex(fromTs)}-${tsHex(toTs)}`;

export function encodeOplogSegment(fromTs: bigint, toTs: bigint, entries: readonly TPitrEntry[]): Buffer {
  const parts = [Buffer.from(BSON.serialize({ v: 1, from: toLong(fromTs), to: toLong(toTs), count: entries.length }))];
  for (const e of entries) {
    parts.push(Buffer.from(BSON.serialize({ t: toLong(e.ts), o: e.op, c: e.collection, k: e.idKey, d: e.doc ? new Binary(e.doc) : null })));
  }
  return Buffer.concat(parts);
}

export function decodeOplogSegment(plaintext: Buffer, objectKey: string): { fromTs: bigint; toTs: bigint; entries: TPitrEntry[] } {
  const docs: Document[] = [];
  for (let at = 0; at < plaintext.length;) {
    const len = plaintext.length - at >= 4 ? plaintext.readInt32LE(at) : -1;
    if (len < 5 || at + len > plaintext.length) throw new EngineError('INTEGRITY_MISMATCH', 'oplog segment: truncated entry', { objectKey });
    docs.push(BSON.deserialize(plaintext.subarray(at, at + len), { promoteBuffers: true }));
    at += len;
  }
  const head = docs.shift();
  if (!head || head.v !== 1 || head.count !== docs.length) throw new EngineError('INTEGRITY_MISMATCH', 'oplog segment: bad header', { objectKey });
  const entries = docs.map((d): TPitrEntry => ({
    ts: fromLong(d.t),
    op: d.o as TPitrEntry['op'],
    collection: String(d.c),
    idKey: String(d.k),
    doc: d.d ? new Uint8Array(d.d as Buffer) : null,
  }));
  return { fromTs: fromLong(head.from), toTs: fromLong(head.to), entries };
}

/** Seals and stores one segment (ifAbsent: the same bytes twice are one object). */
export async function writeOplogSegment(repo: TRepository, fromTs: bigint, toTs: bigint, entries: readonly TPitrEntry[]): Promise<TOplogSegmentRef> {
  if (toTs < fromTs) throw new EngineError('INVALID_ARGUMENT', 'oplog segment ends before it starts');
  if (entries.some((e) => e.ts <= fromTs || e.ts > toTs)) throw new EngineError('INVALID_ARGUMENT', 'oplog segment entry outside (fromTs, toTs]');
  const range = rangeOf(fromTs, toTs);
  const sorted = [...entries].sort(byTs);
  const { bytes, id } = await sealObject({
    tenant: repo.tenant,
    keys: repo.keys,
    type: 'oplog-segment',
    oid: range,
    codec: repo.options.codec,
    plaintext: encodeOplogSegment(fromTs, toTs, sorted),
  });
  const key = oplogSegmentKey(repo.tenant.tenantKey, range, id);
  await repo.store.put(key, bytes, { ifAbsent: true });
  return { key, id, fromTs, toTs, size: bytes.length };
}

/** The tenant's segments from the listing alone (names are checked again when a segment is read), by fromTs. */
export async function listOplogSegments(repo: TRepository): Promise<TOplogSegmentRef[]> {
  const prefix = oplogSegmentPrefix(repo.tenant.tenantKey);
  const out: TOplogSegmentRef[] = [];
  for await (const { key, size } of repo.store.list(prefix)) {
    const [range, id, ...rest] = key.slice(prefix.length).split('/');
    const m = RANGE_RE.exec(range ?? '');
    if (!m || !id || rest.length > 0) continue; // not a segment (never guess)
    out.push({ key, id, fromTs: BigInt(`0x${m[1]}`), toTs: BigInt(`0x${m[2]}`), size });
  }
  return out.sort((a, b) => (a.fromTs < b.fromTs ? -1 : a.fromTs > b.fromTs ? 1 : a.toTs < b.toTs ? -1 : a.toTs > b.toTs ? 1 : 0));
}

/** Reads and verifies one segment: stamp = name, tenant, type, range (AEAD oid and header). */
export async function readOplogSegment(repo: TRepository, ref: TOplogSegmentRef): Promise<TPitrEntry[]> {
  const range = rangeOf(ref.fromTs, ref.toTs);
  const bytes = await repo.store.get(ref.key);
  const { plaintext } = await openObject({
    tenant: repo.tenant,
    keys: repo.keys,
    objectKey: ref.key,
    bytes,
    expect: { type: 'oplog-segment', oid: range, contentAddressed: true },
  });
  const seg = decodeOplogSegment(plaintext, ref.key);
  if (seg.fromTs !== ref.fromTs || seg.toTs !== ref.toTs || keyBasename(ref.key) !== ref.id) {
    throw new EngineError('INTEGRITY_MISMATCH', 'oplog segment range does not match its name', { objectKey: ref.key });
  }
  return seg.entries;
}

/**
 * The tenant's entries with from < ts ≤ to from the segments that overlap it, in ts order, each
 * once (overlapping segments — two writers, or a rerun — never duplicate an entry).
 */
export async function readEntriesBetween(
  repo: TRepository,
  segments: readonly TOplogSegmentRef[],
  from: bigint,
  to: bigint,
  filter?: (e: TPitrEntry) => boolean,
): Promise<TPitrEntry[]> {
  const seen = new Map<string, TPitrEntry>();
  for (const ref of segments) {
    if (ref.toTs <= from || ref.fromTs >= to) continue;
    for (const e of await readOplogSegment(repo, ref)) {
      const k = `${e.ts}/${e.op}/${e.collection}/${e.idKey}`;
      if (e.ts > from && e.ts <= to && !seen.has(k) && (!filter || filter(e))) seen.set(k, e);
    }
  }
  return [...seen.values()].sort(byTs);
}
