// Public API of the snapshot engine. Everything the catalog, the worker, the restore engine and
// the CLI need is exported here; deep imports into subfolders are not part of the contract.

export { EngineError, ENGINE_ERROR_CODES, isEngineError, type TEngineErrorCode } from './errors/engine-error';

// Ports
export type { ObjectStore, TObjectBody, TObjectInfo, TPutOptions, TPutResult, TStorageClass, TObjectRetention } from './ports/object-store';
export type { KeyProvider, TTenantSecretPurpose } from './ports/key-provider';
export type { MongoEndpoint, TCollectionInfo, TFindOptions } from './ports/mongo-endpoint';
export { systemClock, createManualClock, type Clock } from './ports/clock';

// Adapters and decorators
export { createMemoryObjectStore, type MemoryObjectStore } from './stores/memory-object-store';
export { createFsObjectStore } from './stores/fs-object-store';
export { createS3ObjectStore, createS3Client, type TS3StoreConfig } from './stores/s3-object-store';
export { withRetry, type TRetryOptions } from './stores/with-retry';
export { readOnly } from './stores/read-only';
export { createLocalKeyProvider, type LocalKeyProvider } from './keys/local-key-provider';
export { loadMasterKey, parseMasterKey, MASTER_KEY_ENV, MASTER_KEY_FILE_ENV } from './keys/load-master-key';
export { createMongoEndpoint, type TDriverEndpointOptions } from './mongo/driver-endpoint';

// Tenancy
export { ZTenant, ZTenancy, type TTenant, type TTenancy } from './mongo/tenancy';
export { resolveTenantScope, scopedFilter, type TScopedCollection } from './mongo/resolve-tenant-scope';

// Repository and snapshots
export { createRepository, type TRepository, type TRepositoryOptions } from './repo/repository';
export { listSnapshots, listSnapshotIds, loadManifest, type TSnapshotListing, type TSnapshotSummary } from './repo/list-snapshots';
export { checkRepositoryKey, isRepositoryKeyError } from './repo/check-repository-key';
export { runSnapshot, type TRunSnapshotArgs, type TSnapshotProgress, type TSnapshotStats } from './capture/run-snapshot';
export { ZManifest, type TManifest, type TManifestCollection, type TCollectionSpec, type TConsistency } from './format/manifest';

// Reading (for the restore engine)
export { readDocument, type TReadDocumentArgs } from './read/read-document';
export { streamCollection, type TStreamedDocument } from './read/stream-collection';
export { readDocumentPage, type TDocumentPage } from './read/read-document-page';
export { fingerprintDocuments } from './format/fingerprint';
export { idKeyOf, idFromKey } from './format/document-key';

// Verification
export { verifySnapshot } from './verify/verify-snapshot';
export { verifyRepository } from './verify/verify-repository';
export type { TVerifyLevel, TVerifyProblem, TVerifyReport } from './verify/types';

// Maintenance: GFS retention decisions and garbage collection (see maintenance/README.md)
export { applyRetention, type TRetentionArgs, type TRetentionDecision, type TRetentionResult, type TRetentionSnapshot } from './maintenance/apply-retention';
export { ZRetentionRule, ZComplianceDays, parseRetentionRule, RETENTION_LIMITS, type TRetentionRule } from './maintenance/retention-rule';
export { collectGarbage, type TCollectGarbageArgs, type TGcReport } from './maintenance/collect-garbage';
export { tierColdObjects, type TTierReport } from './maintenance/tier-cold-objects';
export { referencedObjects } from './maintenance/referenced-objects';

// Restore: safe filter subset, restore packages, plan → dry-run → execute → verify → undo
export * from './filter/index';
export * from './restore-spec/index';
export * from './restore/index';

// Point-in-time recovery: oplog capture per tenant, coverage and gaps, state at T, document history (see pitr/README.md)
export * from './pitr/index';
