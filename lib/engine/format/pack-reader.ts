import { EngineError, isEngineError } from '../errors/engine-error';
import { open } from '../keys/aead';
import type { KeyProvider } from '../ports/key-provider';
import type { ObjectStore } from '../ports/object-store';
import { decompress } from './codec';
import { keyBasename, packKey } from './layout';
import { checkStamp, parseHead, STAMP_BYTES } from './object-head';
import { decodeFooter, FOOTER_BYTES, frameAad, trailerAad, ZPackTrailer, type TPackInfo, type TPackTrailer } from './pack-format';
import { dekContext, type TTenantRef } from './sealed-object';

export type TPackReadContext = { tenant: TTenantRef; keys: KeyProvider; store: ObjectStore };

/**
 * Unwrapped pack DEKs per key provider, bounded and short-lived: a KMS-backed provider makes
 * every unwrap a network call, and a destroyed tenant key must stop working within the same
 * window the provider's own KEK cache allows (30 s).
 */
const DEK_TTL_MS = 30_000;
const dekCaches = new WeakMap<KeyProvider, Map<string, { dek: Promise<Buffer>; at: number }>>();
function packDek(ctx: TPackReadContext, oid: string, wrapped: string): Promise<Buffer> {
  let cache = dekCaches.get(ctx.keys);
  if (!cache) dekCaches.set(ctx.keys, (cache = new Map()));
  const k = `${ctx.tenant.tenantId}\0${oid}\0${wrapped}`;
  const hit = cache.get(k);
  if (hit && Date.now() - hit.at < DEK_TTL_MS) return hit.dek;
  if (cache.size > 256) cache.clear();
  const dek = ctx.keys.unwrapDataKey(ctx.tenant.tenantId, Buffer.from(wrapped, 'base64'), dekContext('pack', oid));
  cache.set(k, { dek, at: Date.now() });
  dek.catch(() => cache.delete(k));
  return dek;
}

/**
 * One ranged GET of one frame. If authentication fails, the stamp at the pack's end tells a
 * misplaced object (WRONG_OBJECT_KEY) from a corrupted one (INTEGRITY_MISMATCH).
 */
export async function readFrame(ctx: TPackReadContext, pack: TPackInfo, frameNo: number): Promise<Buffer> {
  const key = packKey(ctx.tenant.tenantKey, pack.id);
  const frame = pack.frames[frameNo];
  if (!frame) throw new EngineError('INTEGRITY_MISMATCH', `index points at frame ${frameNo} the pack does not have`, { objectKey: key });
  const sealed = await ctx.store.getRange(key, frame.offset, frame.length);
  const dek = await packDek(ctx, pack.oid, pack.dek);
  let compressed: Buffer;
  try {
    compressed = open(dek, sealed, frameAad(ctx.tenant.tenantId, pack.oid, frameNo), { objectKey: key });
  } catch (err) {
    if (!isEngineError(err, 'INTEGRITY_MISMATCH')) throw err;
    const stamp = await ctx.store.getRange(key, pack.size - STAMP_BYTES, STAMP_BYTES).catch(() => null);
    if (stamp && stamp.toString('hex') !== pack.id) {
      throw new EngineError('WRONG_OBJECT_KEY', `object under ${key} is a different pack`, { objectKey: key });
    }
    throw err;
  }
  return decompress(pack.codec, compressed, frame.rawLength);
}

export type TOpenedPack = {
  id: string;
  oid: string;
  trailer: TPackTrailer;
  /** Decrypted, decompressed frames, in order. */
  frames: Buffer[];
};

/** Full read of a pack: stamp, name, tenant, every frame and the trailer are verified. */
export async function openPackBytes(ctx: TPackReadContext, objectKey: string, bytes: Buffer): Promise<TOpenedPack> {
  const id = checkStamp(bytes, objectKey, true);
  const { header } = parseHead(bytes, objectKey);
  if (header.type !== 'pack' || header.tenant !== ctx.tenant.tenantKey) {
    throw new EngineError('WRONG_OBJECT_KEY', `object is a ${header.type} of repository ${header.tenant}`, { objectKey });
  }
  const dek = await packDek(ctx, header.oid, header.dek);
  const footerAt = bytes.length - STAMP_BYTES - FOOTER_BYTES;
  const footer = decodeFooter(bytes.subarray(footerAt, footerAt + FOOTER_BYTES));
  if (!footer || footer.trailerOffset + footer.trailerLength !== footerAt) {
    throw new EngineError('INTEGRITY_MISMATCH', 'pack footer is invalid', { objectKey });
  }
  const trailerSealed = bytes.subarray(footer.trailerOffset, footerAt);
  const trailerRaw = await decompress(
    header.codec,
    open(dek, trailerSealed, trailerAad(ctx.tenant.tenantId, header.oid), { objectKey }),
    footer.trailerRawLength,
  );
  const trailer = ZPackTrailer.parse(JSON.parse(trailerRaw.toString('utf8')));
  const frames: Buffer[] = [];
  for (const [n, f] of trailer.frames.entries()) {
    const sealed = bytes.subarray(f.offset, f.offset + f.length);
    frames.push(await decompress(header.codec, open(dek, sealed, frameAad(ctx.tenant.tenantId, header.oid, n), { objectKey }), f.rawLength));
  }
  return { id, oid: header.oid, trailer, frames };
}

export async function readPack(ctx: TPackReadContext, packId: string): Promise<TOpenedPack> {
  const key = packKey(ctx.tenant.tenantKey, packId);
  const opened = await openPackBytes(ctx, key, await ctx.store.get(key));
  if (opened.id !== keyBasename(key)) throw new EngineError('WRONG_OBJECT_KEY', 'pack id mismatch', { objectKey: key });
  return opened;
}

/** The trailer alone, by two ranged GETs (footer, trailer): cheap structural cross-checks. */
export async function readPackTrailer(ctx: TPackReadContext, pack: TPackInfo): Promise<TPackTrailer> {
  const key = packKey(ctx.tenant.tenantKey, pack.id);
  const footerAt = pack.size - STAMP_BYTES - FOOTER_BYTES;
  if (footerAt <= 0) throw new EngineError('INTEGRITY_MISMATCH', 'pack too small', { objectKey: key });
  const footer = decodeFooter(await ctx.store.getRange(key, footerAt, FOOTER_BYTES));
  if (!footer || footer.trailerOffset + footer.trailerLength !== footerAt) {
    throw new EngineError('INTEGRITY_MISMATCH', 'pack footer is invalid', { objectKey: key });
  }
  const sealed = await ctx.store.getRange(key, footer.trailerOffset, footer.trailerLength);
  const dek = await packDek(ctx, pack.oid, pack.dek);
  const raw = await decompress(pack.codec, open(dek, sealed, trailerAad(ctx.tenant.tenantId, pack.oid), { objectKey: key }), footer.trailerRawLength);
  return ZPackTrailer.parse(JSON.parse(raw.toString('utf8')));
}
