import { createHash } from 'node:crypto';
import { PREFIX_BYTES, STAMP_BYTES } from '../format/object-head';

// Helpers that forge "valid-looking" objects, to prove readers check more than the checksum.

/** Recomputes the trailing stamp after an edit, as an attacker (or a buggy writer) could. */
export function restamp(buf: Buffer): Buffer {
  const body = buf.subarray(0, buf.length - STAMP_BYTES);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

/** Same object, other format version byte, consistent stamp. */
export function withVersion(buf: Buffer, version: number): Buffer {
  const copy = Buffer.from(buf);
  copy.writeUInt8(version, 4);
  return restamp(copy);
}

/** Rewrites the cleartext header JSON (e.g. the bound oid) and restamps. */
export function withHeader(buf: Buffer, edit: (h: Record<string, unknown>) => void): Buffer {
  const len = buf.readUInt32BE(6);
  const header = JSON.parse(buf.subarray(PREFIX_BYTES, PREFIX_BYTES + len).toString('utf8')) as Record<string, unknown>;
  edit(header);
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.from(buf.subarray(0, PREFIX_BYTES));
  prefix.writeUInt32BE(json.length, 6);
  return restamp(Buffer.concat([prefix, json, buf.subarray(PREFIX_BYTES + len)]));
}

export const contentId = (buf: Buffer) => buf.subarray(buf.length - STAMP_BYTES).toString('hex');

/** Flips one byte of a stored object in place (a disk or bucket corrupting data at rest). */
export function flipStoredByte(objects: Map<string, Buffer>, key: string, offset: number): void {
  const buf = objects.get(key);
  if (!buf) throw new Error(`no object ${key} to tamper with`);
  const copy = Buffer.from(buf);
  copy[offset] = copy[offset]! ^ 0xff;
  objects.set(key, copy);
}
