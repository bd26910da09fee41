// The tenant's key is a repository-wide dependency: when it is missing, damaged or does not
// unwrap, every object of the tenant is unreadable. Readers check it once and report it by name
// (the key object and the tenant) instead of blaming each manifest, and a missing key is never
// mistaken for "nothing was ever written" when snapshots exist or are expected.
import { isEngineError, type EngineError, type TEngineErrorCode } from '../errors/engine-error';
import type { TRepository } from './repository';

const KEY_CODES: ReadonlySet<TEngineErrorCode> = new Set(['KEY_MISSING', 'KEY_DAMAGED', 'KEY_UNWRAP_FAILED', 'KEY_DESTROYED']);

/** An error about the tenant's key itself (not about one object). */
export function isRepositoryKeyError(err: unknown): err is EngineError {
  return isEngineError(err) && KEY_CODES.has(err.code);
}

/** Loads the tenant's key without creating it; throws KEY_MISSING / KEY_DAMAGED / KEY_UNWRAP_FAILED / KEY_DESTROYED. */
export async function checkRepositoryKey(repo: TRepository): Promise<void> {
  await repo.keys.tenantSecret(repo.tenant.tenantId, 'manifest-mac');
}
