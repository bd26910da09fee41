// Envelope-key port. The local master-key provider implements it; a KMS-backed provider would
// keep each tenant's KEK in the KMS (wrap/unwrap become Encrypt/Decrypt calls) and derive the
// secrets from a KMS-wrapped per-tenant secret. Nothing outside lib/engine/keys sees raw KEKs.

export type TTenantSecretPurpose = 'blob-id' | 'manifest-mac';

export interface KeyProvider {
  /** Stable id of the provider/master key, recorded in manifests (never secret). */
  readonly keyId: string;
  /**
   * Opaque, stable folder name for a tenant (`tenants/<opaque>/`). Derived from a naming key that
   * survives `destroyTenantKey`, so a shredded tenant's folder can still be found and deleted.
   */
  opaqueTenantKey(tenantId: string): string;
  /** Wraps a fresh data key under the tenant's KEK; creates the KEK on first use. */
  wrapDataKey(tenantId: string, dek: Uint8Array, context: string): Promise<Buffer>;
  /**
   * KEY_DESTROYED after crypto-shredding, INTEGRITY_MISMATCH when the wrap was tampered;
   * KEY_MISSING / KEY_DAMAGED / KEY_UNWRAP_FAILED (naming the key object and tenant) when the
   * tenant's own key cannot be loaded. Never creates a key.
   */
  unwrapDataKey(tenantId: string, wrapped: Uint8Array, context: string): Promise<Buffer>;
  /**
   * 32-byte secret derived from the tenant's KEK for keyed hashes (blob ids, manifest MAC).
   * Readers must not create a key (a deleted key must not read as an empty repository):
   * KEY_MISSING unless `create` (writers: capture, manifest writes).
   */
  tenantSecret(tenantId: string, purpose: TTenantSecretPurpose, options?: { create?: boolean }): Promise<Buffer>;
  /** Where the tenant's key lives (an object key, or a KMS key name): for error messages. */
  keyLocation?(tenantId: string): string;
  /** Crypto-shredding: afterwards every object of the tenant is unreadable; irreversible. */
  destroyTenantKey(tenantId: string): Promise<void>;
}
