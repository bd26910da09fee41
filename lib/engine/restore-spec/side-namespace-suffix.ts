import type { TRestoreTarget } from './restore-spec-schema';

export const DEFAULT_SIDE_SUFFIX_PREFIX = '__restore_';

/** The suffix a side-namespace restore appends to each collection: the package's, or `__restore_<id>`. */
export function sideNamespaceSuffix(target: Extract<TRestoreTarget, { mode: 'side-namespace' }>, restoreId: string): string {
  if (target.suffix !== undefined) return target.suffix;
  const safeId = restoreId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64 - DEFAULT_SIDE_SUFFIX_PREFIX.length);
  return `${DEFAULT_SIDE_SUFFIX_PREFIX}${safeId}`;
}
