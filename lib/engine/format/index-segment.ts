import { z } from 'zod';
import { EngineError } from '../errors/engine-error';
import type { KeyProvider } from '../ports/key-provider';
import type { ObjectStore } from '../ports/object-store';
import type { TCodec } from './codec';
import { indexKey } from './layout';
import { ZPackInfo, type TPackInfo } from './pack-format';
import { openObject, sealObject, type TTenantRef } from './sealed-object';

// A collection's `_id → blob` index, sorted by id key and cut into segments. The manifest keeps
// only the fence list (first/last key and count per segment), so a point lookup reads exactly one
// segment. Segments carry the pack facts a reader needs (wrapped DEK, frame offsets), so the
// lookup continues with one ranged GET into the pack and never reads the pack's head.

export type TIndexEntry = {
  idKey: string;
  blobId: string;
  pack: TPackInfo;
  frame: number;
  offset: number;
  length: number;
};

export const ZSegmentRef = z.object({
  id: z.string(),
  first: z.string(),
  last: z.string(),
  count: z.number().int().positive(),
});
export type TSegmentRef = z.infer<typeof ZSegmentRef>;

const ZSegment = z.object({
  v: z.literal(1),
  collection: z.string(),
  packs: z.array(ZPackInfo),
  /** [idKey, blobId, packIndex, frameNo, offsetInFrame, length] */
  entries: z.array(z.tuple([z.string(), z.string(), z.number().int(), z.number().int(), z.number().int(), z.number().int()])),
});

export function encodeSegment(collection: string, entries: readonly TIndexEntry[]): Buffer {
  const packIdx = new Map<string, number>();
  const packs: TPackInfo[] = [];
  const rows = entries.map((e) => {
    let p = packIdx.get(e.pack.id);
    if (p === undefined) {
      p = packs.push(e.pack) - 1;
      packIdx.set(e.pack.id, p);
    }
    return [e.idKey, e.blobId, p, e.frame, e.offset, e.length];
  });
  return Buffer.from(JSON.stringify({ v: 1, collection, packs, entries: rows }), 'utf8');
}

export function decodeSegment(plaintext: Buffer, objectKey: string): { collection: string; entries: TIndexEntry[] } {
  const res = ZSegment.safeParse(JSON.parse(plaintext.toString('utf8')));
  if (!res.success) throw new EngineError('INTEGRITY_MISMATCH', `malformed index segment: ${res.error.message}`, { objectKey });
  const { packs, collection } = res.data;
  const entries = res.data.entries.map(([idKey, blobId, p, frame, offset, length]) => {
    const pack = packs[p];
    if (!pack) throw new EngineError('INTEGRITY_MISMATCH', 'index entry references no pack', { objectKey });
    return { idKey, blobId, pack, frame, offset, length };
  });
  return { collection, entries };
}

export type TSegmentContext = { tenant: TTenantRef; keys: KeyProvider; store: ObjectStore };

/**
 * Writes sorted entries as segments of at most `perSegment` entries; returns the fence list.
 * `onStored` gets the size of each segment object this call created (for stored-bytes stats).
 */
export async function writeIndexSegments(
  ctx: TSegmentContext & { codec: TCodec },
  collection: string,
  sorted: readonly TIndexEntry[],
  perSegment: number,
  onStored?: (bytes: number) => void,
): Promise<TSegmentRef[]> {
  const refs: TSegmentRef[] = [];
  for (let i = 0; i < sorted.length; i += perSegment) {
    const slice = sorted.slice(i, i + perSegment);
    const { bytes, id } = await sealObject({
      tenant: ctx.tenant,
      keys: ctx.keys,
      type: 'index',
      oid: 'segment',
      codec: ctx.codec,
      plaintext: encodeSegment(collection, slice),
    });
    const res = await ctx.store.put(indexKey(ctx.tenant.tenantKey, id), bytes, { ifAbsent: true });
    if (res.created) onStored?.(bytes.length);
    refs.push({ id, first: slice[0]!.idKey, last: slice[slice.length - 1]!.idKey, count: slice.length });
  }
  return refs;
}

/** Reads one segment and checks it against its fence (collection, bounds, count, order). */
export async function readIndexSegment(ctx: TSegmentContext, collection: string, ref: TSegmentRef): Promise<TIndexEntry[]> {
  const objectKey = indexKey(ctx.tenant.tenantKey, ref.id);
  const bytes = await ctx.store.get(objectKey);
  const { plaintext } = await openObject({
    tenant: ctx.tenant,
    keys: ctx.keys,
    objectKey,
    bytes,
    expect: { type: 'index', contentAddressed: true },
  });
  const seg = decodeSegment(plaintext, objectKey);
  const ok =
    seg.collection === collection &&
    seg.entries.length === ref.count &&
    seg.entries[0]?.idKey === ref.first &&
    seg.entries[seg.entries.length - 1]?.idKey === ref.last &&
    seg.entries.every((e, i, a) => i === 0 || a[i - 1]!.idKey < e.idKey);
  if (!ok) throw new EngineError('INTEGRITY_MISMATCH', 'index segment disagrees with its manifest fence', { objectKey });
  return seg.entries;
}

/** Binary search over the fence list: the one segment that can hold `idKey`, or null. */
export function findSegment(refs: readonly TSegmentRef[], idKey: string): TSegmentRef | null {
  let lo = 0;
  let hi = refs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = refs[mid]!;
    if (idKey < r.first) hi = mid - 1;
    else if (idKey > r.last) lo = mid + 1;
    else return r;
  }
  return null;
}
