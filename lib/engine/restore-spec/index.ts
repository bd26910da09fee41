// Public API of restore packages (re-exported by lib/engine/index.ts).
export { parseRestoreSpec, type TParsedRestoreSpec, type TParseRestoreSpecOptions, type TParseRestoreSpecResult } from './parse-restore-spec';
export {
  ZDocumentId,
  ZNamespacePattern,
  ZRestoreSpec,
  ZRestoreTarget,
  ZTimeWindow,
  type TDocumentIdJson,
  type TRestoreSpec,
  type TRestoreTarget,
} from './restore-spec-schema';
export { DEFAULT_SIDE_SUFFIX_PREFIX, sideNamespaceSuffix } from './side-namespace-suffix';
export type { TTenantScope, TTenancy as TSpecTenancy } from './tenant-scope';
