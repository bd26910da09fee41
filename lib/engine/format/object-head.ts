import { createHash } from 'node:crypto';
import { z } from 'zod';
import { EngineError } from '../errors/engine-error';
import { CODECS } from './codec';
import { FORMAT_VERSION, keyBasename } from './layout';

// Every stored object: MAGIC(4) ‖ version(1) ‖ reserved(1) ‖ headerLen(u32 BE) ‖ header JSON ‖
// payload ‖ sha256(all preceding bytes)(32). The version sits at a fixed offset so every future
// reader can refuse what it does not know before interpreting anything else. The trailing stamp
// makes every object self-verifying without keys; content-addressed objects are stored under
// hex(stamp), so a scrubber can tell corruption (stamp ≠ content) from misplacement (stamp ≠ name).
export const MAGIC = Buffer.from('VLT0', 'ascii');
export const PREFIX_BYTES = 10;
export const STAMP_BYTES = 32;

// 'restore-safety' (the restore engine's safety record) and 'oplog-segment' (point-in-time
// capture, pitr/) were added within v1: new kinds of object, not new meanings for existing bytes,
// so every v1 object written before still reads.
export const OBJECT_TYPES = ['pack', 'index', 'manifest', 'restore-safety', 'oplog-segment'] as const;

export const ZObjectHeader = z.object({
  type: z.enum(OBJECT_TYPES),
  /** Opaque tenant folder key (not the tenant id): readable without keys, never identifying. */
  tenant: z.string(),
  /** Logical object id bound into the AEAD associated data (snapshot id, or random for packs). */
  oid: z.string(),
  codec: z.enum(CODECS),
  /** Data key wrapped under the tenant KEK (base64). */
  dek: z.string(),
  rawLength: z.number().int().nonnegative().optional(),
});
export type TObjectHeader = z.infer<typeof ZObjectHeader>;

export function encodeHead(header: TObjectHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(PREFIX_BYTES);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt8(FORMAT_VERSION, 4);
  prefix.writeUInt32BE(json.length, 6);
  return Buffer.concat([prefix, json]);
}

/** Checks magic and version; returns the header JSON length. */
export function readPrefix(buf: Uint8Array, objectKey: string): number {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < PREFIX_BYTES || !b.subarray(0, 4).equals(MAGIC)) {
    throw new EngineError('INTEGRITY_MISMATCH', 'not a vaultline object (bad magic)', { objectKey });
  }
  const version = b.readUInt8(4);
  if (version !== FORMAT_VERSION) {
    throw new EngineError('UNKNOWN_FORMAT_VERSION', `object format version ${version}, this reader knows ${FORMAT_VERSION}`, {
      objectKey,
      version,
    });
  }
  return b.readUInt32BE(6);
}

export function parseHead(buf: Buffer, objectKey: string): { header: TObjectHeader; end: number } {
  const len = readPrefix(buf, objectKey);
  const end = PREFIX_BYTES + len;
  if (end > buf.length) throw new EngineError('INTEGRITY_MISMATCH', 'header runs past the object', { objectKey });
  let parsed: unknown;
  try {
    parsed = JSON.parse(buf.subarray(PREFIX_BYTES, end).toString('utf8'));
  } catch {
    throw new EngineError('INTEGRITY_MISMATCH', 'header is not JSON', { objectKey });
  }
  const res = ZObjectHeader.safeParse(parsed);
  if (!res.success) throw new EngineError('INTEGRITY_MISMATCH', `bad header: ${res.error.message}`, { objectKey });
  return { header: res.data, end };
}

export const sha256 = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/**
 * Verifies the stamp of a whole object. With `contentAddressed`, the key's last segment must be
 * the stamp: a mismatch there (with intact content) means the object sits under the wrong key.
 */
export function checkStamp(buf: Buffer, objectKey: string, contentAddressed: boolean): string {
  readPrefix(buf, objectKey);
  if (buf.length < PREFIX_BYTES + STAMP_BYTES) throw new EngineError('INTEGRITY_MISMATCH', 'object truncated', { objectKey });
  const body = buf.subarray(0, buf.length - STAMP_BYTES);
  const stamp = buf.subarray(buf.length - STAMP_BYTES);
  if (!sha256(body).equals(stamp)) {
    throw new EngineError('INTEGRITY_MISMATCH', 'content does not match its checksum (corrupted)', { objectKey });
  }
  const id = stamp.toString('hex');
  if (contentAddressed && keyBasename(objectKey) !== id) {
    throw new EngineError('WRONG_OBJECT_KEY', `intact object ${id.slice(0, 12)}… stored under ${objectKey}`, {
      objectKey,
      actualId: id,
    });
  }
  return id;
}
