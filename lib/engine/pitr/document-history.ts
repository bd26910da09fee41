import { BSON, type Document } from 'mongodb';
import { idKeyOf } from '../format/document-key';
import type { TManifest } from '../format/manifest';
import { createSnapshotReader } from '../restore/snapshot-reader';
import type { TRepository } from '../repo/repository';
import { baseOfManifest } from './coverage';
import { readEntriesBetween, type TOplogSegmentRef } from './oplog-segment';
import { tsToDate } from './pitr-entry';

export type TDocumentVersion = {
  /** Oplog position of the change (for a snapshot: its consistent point). */
  ts: bigint;
  at: string;
  source: { kind: 'snapshot'; snapshotId: string } | { kind: 'oplog'; op: 'i' | 'u' | 'd' };
  /** The document after this version; null when it did not exist (deleted, or absent from the snapshot). */
  raw: Buffer | null;
  /** Top-level fields that differ from the previous version (all fields for the first version). */
  changedFields: string[];
};

const fieldsOf = (raw: Buffer | null): Map<string, string> => {
  if (!raw) return new Map();
  const d = BSON.deserialize(raw, { promoteValues: false }) as Document;
  return new Map(Object.keys(d).map((k) => [k, Buffer.from(BSON.serialize({ v: d[k] })).toString('hex')]));
};

function changed(prev: Buffer | null, next: Buffer | null): string[] {
  const a = fieldsOf(prev);
  const b = fieldsOf(next);
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
}

/**
 * Every version of one document ("find the moment"): its state in each snapshot and every
 * captured operation on it, in time order. A snapshot that shows the state the previous version
 * already had is left out (it confirms, it does not change). Pass the tenant's snapshots (any
 * order) and segments; `from`/`to` narrow the oplog part (default: everything captured).
 */
export async function documentHistory(args: {
  repo: TRepository;
  manifests: readonly TManifest[];
  segments: readonly TOplogSegmentRef[];
  collection: string;
  id: unknown;
  from?: bigint;
  to?: bigint;
}): Promise<TDocumentVersion[]> {
  const idKey = idKeyOf(args.id);
  const raw: { ts: bigint; order: number; source: TDocumentVersion['source']; raw: Buffer | null }[] = [];
  for (const m of args.manifests) {
    const base = baseOfManifest(m);
    if (!base || !m.collections.some((c) => c.name === args.collection)) continue;
    const reader = createSnapshotReader(args.repo, m);
    const e = await reader.entry(args.collection, idKey);
    raw.push({
      ts: base.consistentTs,
      order: 1,
      source: { kind: 'snapshot', snapshotId: m.snapshotId },
      raw: e ? await reader.readEntry(args.collection, e) : null,
    });
  }
  const entries = await readEntriesBetween(
    args.repo,
    args.segments,
    args.from ?? -1n,
    args.to ?? (1n << 64n) - 1n,
    (e) => e.collection === args.collection && e.idKey === idKey,
  );
  for (const e of entries) raw.push({ ts: e.ts, order: 0, source: { kind: 'oplog', op: e.op }, raw: e.doc ? Buffer.from(e.doc) : null });
  raw.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : a.order - b.order));

  const out: TDocumentVersion[] = [];
  let prev: Buffer | null = null;
  for (const v of raw) {
    const same = v.raw === null ? prev === null : prev !== null && prev.equals(v.raw);
    if (v.source.kind === 'snapshot' && same && out.length > 0) continue;
    if (v.source.kind === 'snapshot' && v.raw === null && out.length === 0) continue; // not there yet
    out.push({ ts: v.ts, at: tsToDate(v.ts).toISOString(), source: v.source, raw: v.raw, changedFields: changed(prev, v.raw) });
    prev = v.raw;
  }
  return out;
}
