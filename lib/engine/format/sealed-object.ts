import { randomBytes } from 'node:crypto';
import { EngineError, isEngineError } from '../errors/engine-error';
import { encodeContext, open, seal } from '../keys/aead';
import type { KeyProvider } from '../ports/key-provider';
import { compress, decompress, type TCodec } from './codec';
import type { TObjectType } from './layout';
import { checkStamp, encodeHead, parseHead, sha256, STAMP_BYTES, type TObjectHeader } from './object-head';

// Small whole objects (index segments, manifests, restore safety records):
// head ‖ seal(DEK, compress(plaintext)) ‖ stamp.
// AAD = tenantId ‖ type ‖ oid, the wrapped DEK's context = type ‖ oid: an object moved to another
// tenant, retyped, or renamed (manifests use the snapshot id as oid) fails authentication.

export type TTenantRef = { tenantId: string; tenantKey: string };
/** Packs have their own framing (pack-writer.ts); every other object type is sealed whole. */
export type TSealedType = Exclude<TObjectType, 'pack'>;

export const objectAad = (tenantId: string, type: string, oid: string) => encodeContext('vaultline/v1/object', tenantId, type, oid);
export const dekContext = (type: string, oid: string) => `${type}/${oid}`;

export async function sealObject(args: {
  tenant: TTenantRef;
  keys: KeyProvider;
  type: TSealedType;
  oid: string;
  codec: TCodec;
  plaintext: Buffer;
}): Promise<{ bytes: Buffer; id: string }> {
  const { tenant, type, oid } = args;
  const dek = randomBytes(32);
  const wrapped = await args.keys.wrapDataKey(tenant.tenantId, dek, dekContext(type, oid));
  const header: TObjectHeader = {
    type,
    tenant: tenant.tenantKey,
    oid,
    codec: args.codec,
    dek: wrapped.toString('base64'),
    rawLength: args.plaintext.length,
  };
  const payload = seal(dek, await compress(args.codec, args.plaintext), objectAad(tenant.tenantId, type, oid));
  const body = Buffer.concat([encodeHead(header), payload]);
  const stamp = sha256(body);
  return { bytes: Buffer.concat([body, stamp]), id: stamp.toString('hex') };
}

export type TOpenExpect = {
  type: TSealedType;
  /** For manifests: the snapshot id the name promises. */
  oid?: string;
  contentAddressed: boolean;
};

/** Verifies stamp, name, tenant, type and authenticity, then returns the plaintext. */
export async function openObject(args: {
  tenant: TTenantRef;
  keys: KeyProvider;
  objectKey: string;
  bytes: Buffer;
  expect: TOpenExpect;
}): Promise<{ plaintext: Buffer; header: TObjectHeader; id: string }> {
  const { tenant, objectKey, bytes, expect } = args;
  const id = checkStamp(bytes, objectKey, expect.contentAddressed);
  const { header, end } = parseHead(bytes, objectKey);
  const details = { objectKey, tenantId: tenant.tenantId };
  if (header.tenant !== tenant.tenantKey) {
    const code = expect.type === 'manifest' ? 'MANIFEST_TENANT_MISMATCH' : 'WRONG_OBJECT_KEY';
    throw new EngineError(code, `object belongs to another tenant repository (${header.tenant})`, details);
  }
  if (header.type !== expect.type) {
    throw new EngineError('WRONG_OBJECT_KEY', `a ${header.type} object stored where a ${expect.type} belongs`, details);
  }
  if (expect.oid !== undefined && header.oid !== expect.oid) {
    throw new EngineError(
      expect.type === 'manifest' ? 'MANIFEST_NAME_MISMATCH' : 'WRONG_OBJECT_KEY',
      `object is bound to ${header.oid}, stored as ${expect.oid}`,
      details,
    );
  }
  let compressed: Buffer;
  try {
    const dek = await args.keys.unwrapDataKey(tenant.tenantId, Buffer.from(header.dek, 'base64'), dekContext(header.type, header.oid));
    compressed = open(dek, bytes.subarray(end, bytes.length - STAMP_BYTES), objectAad(tenant.tenantId, header.type, header.oid), details);
  } catch (err) {
    // For a manifest, failing authentication under this tenant and name is a forgery signal.
    if (expect.type === 'manifest' && isEngineError(err, 'INTEGRITY_MISMATCH')) {
      throw new EngineError('MANIFEST_MAC_INVALID', 'manifest failed authentication for this tenant and name', details, { cause: err });
    }
    throw err;
  }
  const plaintext = await decompress(header.codec, compressed, header.rawLength ?? -1);
  return { plaintext, header, id };
}
