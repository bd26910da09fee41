import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { EngineError, isEngineError } from '../errors/engine-error';
import type { KeyProvider, TTenantSecretPurpose } from '../ports/key-provider';
import type { ObjectStore } from '../ports/object-store';
import { deriveKey, encodeContext, hmac, open, seal } from './aead';

// Local master-key provider. Each tenant gets a random 32-byte KEK, stored wrapped under the
// master key in `keyStore` (may be the repository's own store: the records live under `keys/`,
// outside every tenant folder). Destroying a tenant deletes that record after writing a
// tombstone, so the KEK can never be silently re-created and old objects stay unreadable.
// If the key store is versioned (S3 versioning), shredding also needs the old versions purged.

const ZKekRecord = z.object({
  v: z.literal(1),
  tenantKey: z.string(),
  createdAt: z.string(),
  wrapped: z.string(),
});
export type TKekRecord = z.infer<typeof ZKekRecord>;

export type TLocalKeyProviderOptions = {
  masterKey: Uint8Array;
  keyStore: ObjectStore;
  /** How long a loaded KEK is trusted before re-checking it was not destroyed elsewhere. */
  cacheTtlMs?: number;
  now?: () => Date;
};

export type LocalKeyProvider = KeyProvider & { clearCache(): void };

function parseKekRecord(raw: Buffer): TKekRecord | null {
  try {
    const parsed = ZKekRecord.safeParse(JSON.parse(raw.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function createLocalKeyProvider(options: TLocalKeyProviderOptions): LocalKeyProvider {
  if (options.masterKey.length !== 32) throw new EngineError('KEY_INVALID', 'master key must be 32 bytes');
  const master = Buffer.from(options.masterKey);
  const namingKey = deriveKey(master, 'vaultline/v1/tenant-naming');
  const kekWrapKey = deriveKey(master, 'vaultline/v1/kek-wrap');
  const keyId = `local:${createHash('sha256').update(deriveKey(master, 'vaultline/v1/key-id')).digest('hex').slice(0, 16)}`;
  const ttl = options.cacheTtlMs ?? 30_000;
  const now = options.now ?? (() => new Date());
  const cache = new Map<string, { kek: Promise<Buffer>; at: number }>();

  const opaqueTenantKey = (tenantId: string) => hmac(namingKey, tenantId).subarray(0, 16).toString('hex');
  const kekKey = (tenantId: string) => `keys/${opaqueTenantKey(tenantId)}/kek`;
  const tombstoneKey = (tenantId: string) => `keys/${opaqueTenantKey(tenantId)}/destroyed`;
  const kekAad = (tenantId: string) => encodeContext('vaultline/v1/kek', tenantId);

  async function readKek(tenantId: string): Promise<Buffer | null> {
    const objectKey = kekKey(tenantId);
    const details = { objectKey, tenantId };
    let raw: Buffer;
    try {
      raw = await options.keyStore.get(objectKey);
    } catch (err) {
      if (!isEngineError(err, 'OBJECT_MISSING')) throw err;
      if (await options.keyStore.head(tombstoneKey(tenantId))) {
        throw new EngineError('KEY_DESTROYED', `tenant ${tenantId}'s key was destroyed (crypto-shredded)`, details);
      }
      return null;
    }
    const rec = parseKekRecord(raw);
    if (!rec || rec.tenantKey !== opaqueTenantKey(tenantId)) {
      throw new EngineError('KEY_DAMAGED', `key object ${objectKey} of tenant ${tenantId} is damaged (not a valid key record for this tenant)`, details);
    }
    let kek: Buffer;
    try {
      kek = open(kekWrapKey, Buffer.from(rec.wrapped, 'base64'), kekAad(tenantId), details);
    } catch (err) {
      if (!isEngineError(err, 'INTEGRITY_MISMATCH')) throw err;
      throw new EngineError(
        'KEY_UNWRAP_FAILED',
        `key object ${objectKey} of tenant ${tenantId} does not unwrap under master key ${keyId} (damaged or tampered)`,
        details,
        {
          cause: err,
        },
      );
    }
    if (kek.length !== 32) throw new EngineError('KEY_DAMAGED', `key object ${objectKey} of tenant ${tenantId} holds a ${kek.length}-byte key`, details);
    return kek;
  }

  async function loadKek(tenantId: string, create: boolean): Promise<Buffer> {
    const existing = await readKek(tenantId);
    if (existing) return existing;
    if (!create) {
      throw new EngineError(
        'KEY_MISSING',
        `tenant ${tenantId} has no key object ${kekKey(tenantId)} under master key ${keyId} (never written with this master key, or the key was deleted)`,
        { objectKey: kekKey(tenantId), tenantId },
      );
    }
    const kek = randomBytes(32);
    const rec: TKekRecord = {
      v: 1,
      tenantKey: opaqueTenantKey(tenantId),
      createdAt: now().toISOString(),
      wrapped: seal(kekWrapKey, kek, kekAad(tenantId)).toString('base64'),
    };
    await options.keyStore.put(kekKey(tenantId), Buffer.from(JSON.stringify(rec)), { ifAbsent: true });
    // Another worker may have won the race: whatever is stored is the tenant's KEK.
    const stored = await readKek(tenantId);
    if (!stored) throw new EngineError('STORE_ERROR', 'tenant key vanished right after creation', { tenantId });
    return stored;
  }

  function kekFor(tenantId: string, create: boolean): Promise<Buffer> {
    const hit = cache.get(tenantId);
    if (hit && Date.now() - hit.at < ttl) return hit.kek;
    const kek = loadKek(tenantId, create);
    cache.set(tenantId, { kek, at: Date.now() });
    kek.catch(() => cache.delete(tenantId));
    return kek;
  }

  const dekAad = (tenantId: string, context: string) => encodeContext('vaultline/v1/dek', tenantId, context);

  return {
    keyId,
    opaqueTenantKey,
    async wrapDataKey(tenantId, dek, context) {
      const wrapKey = deriveKey(await kekFor(tenantId, true), 'vaultline/v1/dek-wrap');
      return seal(wrapKey, dek, dekAad(tenantId, context));
    },
    async unwrapDataKey(tenantId, wrapped, context) {
      const wrapKey = deriveKey(await kekFor(tenantId, false), 'vaultline/v1/dek-wrap');
      return open(wrapKey, wrapped, dekAad(tenantId, context), { tenantId });
    },
    async tenantSecret(tenantId, purpose: TTenantSecretPurpose, secretOptions) {
      return deriveKey(await kekFor(tenantId, secretOptions?.create === true), `vaultline/v1/secret/${purpose}`);
    },
    keyLocation: kekKey,
    async destroyTenantKey(tenantId) {
      const tomb = { v: 1, tenantKey: opaqueTenantKey(tenantId), destroyedAt: now().toISOString() };
      await options.keyStore.put(tombstoneKey(tenantId), Buffer.from(JSON.stringify(tomb)), { ifAbsent: true });
      await options.keyStore.delete(kekKey(tenantId));
      cache.delete(tenantId);
    },
    clearCache: () => cache.clear(),
  };
}
