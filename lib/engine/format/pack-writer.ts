import { createHash, randomBytes } from 'node:crypto';
import { seal } from '../keys/aead';
import type { KeyProvider } from '../ports/key-provider';
import type { ObjectStore } from '../ports/object-store';
import { addBytes, apportionBytes } from './apportion-bytes';
import { compress, type TCodec } from './codec';
import { packKey } from './layout';
import { encodeHead } from './object-head';
import { encodeFooter, frameAad, trailerAad, type TPackFrame, type TPackInfo, type TPackTrailer } from './pack-format';
import { dekContext, type TTenantRef } from './sealed-object';

/** Filled in when the pack holding the blob is sealed and its content id is known. */
export type TPackSlot = { info?: TPackInfo };
export type TBlobRef = { slot: TPackSlot; frame: number; offset: number; length: number };

export type TPackWriterOptions = {
  tenant: TTenantRef;
  keys: KeyProvider;
  store: ObjectStore;
  codec: TCodec;
  /** Seal a pack once its stored size reaches this. DESIGN: 8–32 MiB; tests use KiBs. */
  targetPackBytes: number;
  /** Raw bytes per frame (compression + random-read unit). */
  frameBytes: number;
  /** Packs uploading while the next one fills; memory ≈ (1 + this) × targetPackBytes. */
  maxInflightUploads?: number;
  onPackStored?: (info: TPackInfo, created: boolean) => void;
};

type TOpenPack = {
  slot: TPackSlot;
  oid: string;
  dek: Buffer;
  wrapped: Buffer;
  parts: Buffer[];
  size: number;
  hash: ReturnType<typeof createHash>;
  frames: TPackTrailer['frames'];
  /** Raw bytes and sealed frame bytes per collection, for the stored-bytes accounting. */
  raw: Map<string, number>;
  stored: Map<string, number>;
};

const rawByCollection = (blobs: TPackTrailer['frames'][number]['blobs']) => {
  const m = new Map<string, number>();
  for (const [collection, , , length] of blobs) m.set(collection, (m.get(collection) ?? 0) + length);
  return m;
};

/**
 * Streams documents into packs: add() buffers raw BSON into the current frame; full frames are
 * compressed and sealed; full packs are uploaded in the background. add() awaits when too many
 * uploads are in flight, which is the backpressure that reaches back to the Mongo cursor.
 */
export function createPackWriter(o: TPackWriterOptions) {
  const inflight: Promise<void>[] = [];
  const maxInflight = o.maxInflightUploads ?? 1;
  let pack: TOpenPack | null = null;
  let frame: { chunks: Buffer[]; raw: number; blobs: [string, string, number, number][] } = { chunks: [], raw: 0, blobs: [] };
  const stored: TPackInfo[] = [];
  const storedByCollection = new Map<string, number>();

  async function openPack(): Promise<TOpenPack> {
    const oid = randomBytes(16).toString('hex');
    const dek = randomBytes(32);
    const wrapped = await o.keys.wrapDataKey(o.tenant.tenantId, dek, dekContext('pack', oid));
    const head = encodeHead({ type: 'pack', tenant: o.tenant.tenantKey, oid, codec: o.codec, dek: wrapped.toString('base64') });
    const p: TOpenPack = { slot: {}, oid, dek, wrapped, parts: [], size: 0, hash: createHash('sha256'), frames: [], raw: new Map(), stored: new Map() };
    append(p, head);
    return p;
  }

  function append(p: TOpenPack, buf: Buffer) {
    p.parts.push(buf);
    p.hash.update(buf);
    p.size += buf.length;
  }

  async function sealFrame() {
    if (frame.blobs.length === 0 || !pack) return;
    const raw = Buffer.concat(frame.chunks);
    const frameNo = pack.frames.length;
    const sealed = seal(pack.dek, await compress(o.codec, raw), frameAad(o.tenant.tenantId, pack.oid, frameNo));
    pack.frames.push({ offset: pack.size, length: sealed.length, rawLength: raw.length, blobs: frame.blobs });
    append(pack, sealed);
    // A frame is compressed as one unit, so a collection's share of it can only be apportioned:
    // by raw bytes. Frames hold one collection except at collection boundaries.
    const weights = rawByCollection(frame.blobs);
    addBytes(pack.raw, weights);
    addBytes(pack.stored, apportionBytes(sealed.length, weights));
    frame = { chunks: [], raw: 0, blobs: [] };
  }

  async function sealPack() {
    await sealFrame();
    const p = pack;
    pack = null;
    if (!p || p.frames.length === 0) return;
    const trailer: TPackTrailer = { v: 1, frames: p.frames };
    const trailerRaw = Buffer.from(JSON.stringify(trailer), 'utf8');
    const trailerSealed = seal(p.dek, await compress(o.codec, trailerRaw), trailerAad(o.tenant.tenantId, p.oid));
    const trailerOffset = p.size;
    append(p, trailerSealed);
    append(p, encodeFooter(trailerOffset, trailerSealed.length, trailerRaw.length));
    const stamp = p.hash.digest();
    p.parts.push(stamp);
    const frames: TPackFrame[] = p.frames.map(({ offset, length, rawLength }) => ({ offset, length, rawLength }));
    const info: TPackInfo = {
      id: stamp.toString('hex'),
      oid: p.oid,
      dek: p.wrapped.toString('base64'),
      codec: o.codec,
      size: p.size + stamp.length,
      frames,
    };
    const parts: readonly Buffer[] = p.parts;
    // Head, trailer, footer and stamp serve every frame: shared by the collections' raw bytes.
    const framed = p.frames.reduce((n, f) => n + f.length, 0);
    addBytes(p.stored, apportionBytes(info.size - framed, p.raw));
    const upload = o.store.put(packKey(o.tenant.tenantKey, info.id), parts, { ifAbsent: true }).then((res) => {
      p.slot.info = info;
      stored.push(info);
      addBytes(storedByCollection, p.stored);
      o.onPackStored?.(info, res.created);
    });
    inflight.push(upload);
    upload.catch(() => undefined); // surfaced by the await below / in finish()
    while (inflight.length > maxInflight) await inflight.shift();
  }

  return {
    async add(collection: string, blobId: string, bson: Uint8Array): Promise<TBlobRef> {
      pack ??= await openPack();
      const copy = Buffer.from(bson); // the driver's raw buffers alias its whole reply batch
      const ref: TBlobRef = { slot: pack.slot, frame: pack.frames.length, offset: frame.raw, length: copy.length };
      frame.chunks.push(copy);
      frame.blobs.push([collection, blobId, frame.raw, copy.length]);
      frame.raw += copy.length;
      if (frame.raw >= o.frameBytes) {
        await sealFrame();
        if (pack && pack.size >= o.targetPackBytes) await sealPack();
      }
      return ref;
    },
    /** Seals the open pack and waits for every upload; returns all packs written. */
    async finish(): Promise<TPackInfo[]> {
      await sealPack();
      while (inflight.length > 0) await inflight.shift();
      return stored;
    },
    /**
     * Bytes of the stored packs per collection: each frame's sealed size split by the raw bytes
     * of each collection in it, pack overhead by each collection's raw share of the pack. The
     * parts are whole bytes and sum exactly to the packs' total size.
     */
    storedBytesByCollection(): Map<string, number> {
      return new Map(storedByCollection);
    },
  };
}
