import 'server-only';
import { MongoClient } from 'mongodb';
import { env } from '@/lib/env';

// One MongoClient per process (survives Next's dev reloads through globalThis).
const globalForMongo = globalThis as unknown as { vaultlineMongo?: Promise<MongoClient> };

export function getMongoClient(): Promise<MongoClient> {
  if (!globalForMongo.vaultlineMongo) {
    const client = new MongoClient(env().MONGODB_URI, { serverSelectionTimeoutMS: 5_000, appName: 'vaultline' });
    globalForMongo.vaultlineMongo = client.connect().catch((e: unknown) => {
      globalForMongo.vaultlineMongo = undefined;
      throw e;
    });
  }
  return globalForMongo.vaultlineMongo;
}
