// Public API of point-in-time recovery (README.md). Re-exported from lib/engine/index.ts.
export { demultiplex, type TDemuxResult, type TResolverChange } from './demultiplex';
export type { IdTenantResolver } from '../ports/id-tenant-resolver';
export { createIdTenantMap, seedFromSnapshot, seedFromSegments, resolveUnknownOwners } from './id-tenant-map';
export { captureOplog, describeGap, DEFAULT_CUT, type TCaptureGap, type TCaptureOplogArgs, type TCaptureOplogResult } from './capture-oplog';
export { createMemoryPositionStore, type CapturePositionStore, type TCapturePosition } from './capture-position';
export { cutSegments, type TCutOptions, type TSegmentCut } from './cut-segments';
export { listOplogSegments, readOplogSegment, readEntriesBetween, writeOplogSegment, type TOplogSegmentRef } from './oplog-segment';
export { baseOfManifest, computeCoverage, planPoint, type TCoverage, type TCoverageRange, type TPitrBase, type TPointPlan, type TSpan } from './coverage';
export { streamCollectionAt, lastStates } from './stream-collection-at';
export { documentHistory, type TDocumentVersion } from './document-history';
export { operationsPerMinute, type TMinuteBucket } from './operations-per-minute';
export { tsEndOfSecond, tsToDate, type TPitrEntry } from './pitr-entry';
