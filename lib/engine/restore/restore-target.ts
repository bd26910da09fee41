// The write port of the restore path: the few driver calls restore makes against a live target,
// so the engine can be tested against an in-memory fake and every write passes through one place.
// Reads return raw BSON (blob ids are computed over exact bytes). Writes are by `_id` only, with
// the tenant predicate in every filter for SHARED_FIELD (see write-filters.ts).
import type { Document } from 'mongodb';
import type { TCollectionInfo } from '../ports/mongo-endpoint';
import type { TTargetNamespace } from './restore-plan';

export type TWriteOp =
  /**
   * insertOne(document): for documents the inspection found absent. Not idempotent by itself (a
   * replay hits a duplicate key), so write-idempotent.ts retries those as `replace`. Cheaper than
   * an upsert on servers whose update path is slow (FerretDB v1: ~20× per document).
   */
  | { op: 'insert'; document: Document }
  /** replaceOne(filter, replacement, { upsert: true }): idempotent insert-or-overwrite by _id */
  | { op: 'replace'; filter: Document; replacement: Document }
  /** deleteOne(filter) */
  | { op: 'delete'; filter: Document }
  /** updateOne — or updateMany with `many` — (filter, { $set }) without upsert (lineage bookkeeping only) */
  | { op: 'set'; filter: Document; set: Document; many?: boolean };

export type TWriteError = { index: number; code?: number; message: string };

export type TWriteResult = {
  matched: number;
  modified: number;
  /** documents created, by upsert or insert */
  upserted: number;
  deleted: number;
  /** per-operation failures (duplicate key, validation); other operations still ran */
  errors: TWriteError[];
};

export interface RestoreTarget {
  readonly label: string;
  /** Undecoded documents matching `filter` (driver `raw: true`). */
  find(ns: TTargetNamespace, filter: Document, options?: { batchSize?: number }): AsyncIterable<Uint8Array>;
  listCollections(database: string): Promise<TCollectionInfo[]>;
  /** [] when the collection does not exist. */
  listIndexes(ns: TTargetNamespace): Promise<Document[]>;
  /** Unordered bulk write. Throws (MONGO_ERROR) only when the batch as a whole failed. */
  write(ns: TTargetNamespace, ops: readonly TWriteOp[]): Promise<TWriteResult>;
  /** createIndexes; an index that already exists with the same spec is a no-op. */
  createIndexes(ns: TTargetNamespace, indexes: readonly Document[]): Promise<void>;
  close(): Promise<void>;
}
