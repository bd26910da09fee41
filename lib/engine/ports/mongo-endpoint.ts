// The data-plane port: the handful of driver calls the engine makes, so capture and restore can
// be tested against a fake and so every query the engine sends passes through one place.
import type { Document } from 'mongodb';

export type TCollectionInfo = {
  name: string;
  /** 'collection' | 'view' | 'timeseries' ... as reported by listCollections */
  type: string;
  options: Document;
};

export type TFindOptions = {
  projection?: Document;
  sort?: Document;
  limit?: number;
  batchSize?: number;
};

export interface MongoEndpoint {
  readonly label: string;
  listCollections(db: string): Promise<TCollectionInfo[]>;
  listIndexes(db: string, collection: string): Promise<Document[]>;
  /** Undecoded BSON documents (driver `raw: true`); each Uint8Array is one document. */
  findRaw(db: string, collection: string, filter: Document, options?: TFindOptions): AsyncIterable<Uint8Array>;
  find(db: string, collection: string, filter: Document, options?: TFindOptions): AsyncIterable<Document>;
  /** The server's clock (`hello.localTime`): oplog timestamps are taken from it. */
  serverTime(): Promise<Date>;
  close(): Promise<void>;
}
