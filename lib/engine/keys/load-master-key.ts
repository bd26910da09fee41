import { readFile } from 'node:fs/promises';
import { EngineError } from '../errors/engine-error';

export const MASTER_KEY_ENV = 'VAULTLINE_MASTER_KEY';
export const MASTER_KEY_FILE_ENV = 'VAULTLINE_MASTER_KEY_FILE';

/** Decodes a base64 master key; it must be exactly 32 random bytes (AES-256 / HKDF input). */
export function parseMasterKey(base64: string): Buffer {
  const trimmed = base64.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== 32 || key.toString('base64').replace(/=+$/, '') !== trimmed.replace(/=+$/, '')) {
    throw new EngineError('KEY_INVALID', `master key must be base64 of exactly 32 bytes (got ${key.length} bytes)`);
  }
  return key;
}

/**
 * Master key from `VAULTLINE_MASTER_KEY` (base64) or the file named by `VAULTLINE_MASTER_KEY_FILE`
 * (base64 text or 32 raw bytes). The caller passes its env record: the engine never reads
 * process.env itself (lib/env.ts is the one reader).
 */
export async function loadMasterKey(env: Record<string, string | undefined>): Promise<Buffer> {
  const inline = env[MASTER_KEY_ENV];
  if (inline) return parseMasterKey(inline);
  const file = env[MASTER_KEY_FILE_ENV];
  if (file) {
    const bytes = await readFile(file);
    return bytes.length === 32 ? bytes : parseMasterKey(bytes.toString('utf8'));
  }
  throw new EngineError('KEY_INVALID', `set ${MASTER_KEY_ENV} (base64 32 bytes) or ${MASTER_KEY_FILE_ENV}`);
}
