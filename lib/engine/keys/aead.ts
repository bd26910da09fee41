import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { EngineError, type TEngineErrorDetails } from '../errors/engine-error';

// AES-256-GCM with a random 96-bit nonce per seal. Sealed layout: nonce(12) ‖ ciphertext ‖ tag(16).
// Random nonces are safe here: every object and every frame gets its own DEK or few seals per
// key, far below the 2^32 messages per key where random-nonce collisions start to matter.
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
export const SEAL_OVERHEAD = NONCE_BYTES + TAG_BYTES;

export function seal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, ct, cipher.getAuthTag()]);
}

export function open(key: Uint8Array, sealed: Uint8Array, aad: Uint8Array, details: TEngineErrorDetails = {}): Buffer {
  if (sealed.length < SEAL_OVERHEAD) throw new EngineError('INTEGRITY_MISMATCH', 'sealed data too short', details);
  const nonce = sealed.subarray(0, NONCE_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch (err) {
    throw new EngineError('INTEGRITY_MISMATCH', 'authentication failed (corrupted, tampered, or wrong key/context)', details, {
      cause: err,
    });
  }
}

/** HKDF-SHA256 sub-key; `info` names the purpose so no two uses share key material. */
export function deriveKey(ikm: Uint8Array, info: string, salt = ''): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, Buffer.from(salt), Buffer.from(info), 32));
}

export function hmac(key: Uint8Array, ...parts: (Uint8Array | string)[]): Buffer {
  const h = createHmac('sha256', key);
  // Length-prefix every part so ('ab','c') and ('a','bc') can never collide.
  for (const part of parts) {
    const buf = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    const len = Buffer.alloc(4);
    len.writeUInt32BE(buf.length);
    h.update(len);
    h.update(buf);
  }
  return h.digest();
}

/** Unambiguous AAD / context encoding of string parts (length-prefixed). */
export function encodeContext(...parts: string[]): Buffer {
  return Buffer.concat(
    parts.flatMap((p) => {
      const buf = Buffer.from(p, 'utf8');
      const len = Buffer.alloc(4);
      len.writeUInt32BE(buf.length);
      return [len, buf];
    }),
  );
}
