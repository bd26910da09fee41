import 'server-only';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { env } from '@/lib/env';
import {
  createFsObjectStore,
  createLocalKeyProvider,
  createMongoEndpoint,
  createS3ObjectStore,
  loadMasterKey,
  withRetry,
  type KeyProvider,
  type MongoEndpoint,
  type ObjectStore,
  type TRepositoryOptions,
} from '@/lib/engine';

// Wires the pure engine to this deployment's services (the one place that reads their config).
export type TEngineContext = {
  store: ObjectStore;
  keys: KeyProvider;
  endpoint: MongoEndpoint;
  /** the one MongoClient behind `endpoint`; restore targets write through it too */
  mongo: MongoClient;
  storeKind: 's3' | 'fs';
  /** Write tuning (pack/frame/segment sizes); engine defaults when absent. Tests shrink them. */
  options?: TRepositoryOptions;
  close(): Promise<void>;
};

export function createObjectStoreFromEnv(): { store: ObjectStore; kind: 's3' | 'fs' } {
  const e = env();
  const kind = e.VAULTLINE_STORE ?? (e.S3_ENDPOINT || e.S3_ACCESS_KEY_ID ? 's3' : 'fs');
  const store =
    kind === 's3'
      ? createS3ObjectStore({
          endpoint: e.S3_ENDPOINT,
          region: e.S3_REGION,
          bucket: e.S3_BUCKET,
          accessKeyId: e.S3_ACCESS_KEY_ID,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY,
        })
      : createFsObjectStore(path.resolve(e.VAULTLINE_FS_STORE_DIR));
  return { store: withRetry(store), kind };
}

/** Prefer getSharedEngineContext(): a process needs one context, not one per call. */
export async function createEngineContext(opts: { monitorCommands?: boolean } = {}): Promise<TEngineContext> {
  const e = env();
  const { store, kind } = createObjectStoreFromEnv();
  const masterKey = await loadMasterKey(process.env);
  const keys = createLocalKeyProvider({ masterKey, keyStore: store });
  const client = await new MongoClient(e.MONGODB_URI, {
    appName: 'vaultline-engine',
    serverSelectionTimeoutMS: 5_000,
    monitorCommands: opts.monitorCommands ?? false,
  }).connect();
  const endpoint = createMongoEndpoint({ client });
  return { store, keys, endpoint, mongo: client, storeKind: kind, close: () => client.close() };
}
