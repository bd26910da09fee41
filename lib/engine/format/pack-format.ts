import { z } from 'zod';
import { encodeContext } from '../keys/aead';
import { CODECS } from './codec';

// Pack = head ‖ frame* ‖ sealed trailer ‖ footer(20) ‖ stamp(32).
// A frame is many documents' raw BSON, concatenated (BSON is self-delimiting), compressed as one
// unit and sealed with the pack's DEK: whole-frame compression sees the repeated field names that
// per-document compression cannot, and a frame (1 MiB raw by default, ~250 KB compressed) is
// still small enough that reading one document is one ranged GET of one frame. The trailer lists
// every frame and the blobs in it, so a pack can be re-indexed without any index segment.
export const FOOTER_BYTES = 20;
export const FOOTER_MAGIC = Buffer.from('VLTE', 'ascii');

export const frameAad = (tenantId: string, packOid: string, frameNo: number) => encodeContext('vaultline/v1/frame', tenantId, packOid, String(frameNo));
export const trailerAad = (tenantId: string, packOid: string) => encodeContext('vaultline/v1/pack-trailer', tenantId, packOid);

export const ZPackFrame = z.object({
  offset: z.number().int().nonnegative(),
  length: z.number().int().positive(),
  rawLength: z.number().int().nonnegative(),
});
export type TPackFrame = z.infer<typeof ZPackFrame>;

/** Everything a reader needs to fetch and open frames of a pack without reading its head. */
export const ZPackInfo = z.object({
  id: z.string(),
  oid: z.string(),
  dek: z.string(),
  codec: z.enum(CODECS),
  size: z.number().int().positive(),
  frames: z.array(ZPackFrame),
});
export type TPackInfo = z.infer<typeof ZPackInfo>;

/** [collection, blobId, offsetInFrame, length] */
export const ZTrailerBlob = z.tuple([z.string(), z.string(), z.number().int(), z.number().int()]);
export const ZPackTrailer = z.object({
  v: z.literal(1),
  frames: z.array(ZPackFrame.extend({ blobs: z.array(ZTrailerBlob) })),
});
export type TPackTrailer = z.infer<typeof ZPackTrailer>;

export function encodeFooter(trailerOffset: number, trailerLength: number, trailerRawLength: number): Buffer {
  const f = Buffer.alloc(FOOTER_BYTES);
  f.writeBigUInt64BE(BigInt(trailerOffset), 0);
  f.writeUInt32BE(trailerLength, 8);
  f.writeUInt32BE(trailerRawLength, 12);
  FOOTER_MAGIC.copy(f, 16);
  return f;
}

export function decodeFooter(f: Buffer): { trailerOffset: number; trailerLength: number; trailerRawLength: number } | null {
  if (f.length !== FOOTER_BYTES || !f.subarray(16).equals(FOOTER_MAGIC)) return null;
  return { trailerOffset: Number(f.readBigUInt64BE(0)), trailerLength: f.readUInt32BE(8), trailerRawLength: f.readUInt32BE(12) };
}
