import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runSnapshot } from '../capture/run-snapshot';
import { createRepository } from '../repo/repository';
import { createMemoryMongoEndpoint } from '../testing/memory-mongo-endpoint';
import { createTestKit, orderDoc, rng } from '../testing/test-kit';
import { verifyRepository } from '../verify/verify-repository';
import { describeObjectStoreConformance } from './object-store-conformance';
import { createS3ObjectStore, type TS3StoreConfig } from './s3-object-store';
import { withRetry } from './with-retry';

// Against the local S3 server of scripts/services.sh (source scripts/env.sh first). Each run
// works under a fresh random prefix and deletes what it wrote.
function config(prefix: string): TS3StoreConfig {
  const env = process.env;
  return {
    endpoint: env.S3_ENDPOINT ?? 'http://127.0.0.1:59000',
    region: env.S3_REGION ?? 'us-east-1',
    bucket: env.S3_BUCKET ?? 'vaultline',
    accessKeyId: env.S3_ACCESS_KEY_ID ?? 'vaultline',
    secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? 'vaultline-local-secret',
    prefix,
    partSize: 5 * 1024 * 1024,
    pageSize: 100,
  };
}

async function wipe(prefix: string) {
  const store = createS3ObjectStore(config(prefix));
  const keys: string[] = [];
  for await (const { key } of store.list('')) keys.push(key);
  for (let i = 0; i < keys.length; i += 20) await Promise.all(keys.slice(i, i + 20).map((k) => store.delete(k)));
}

const prefix = `it-${Date.now()}-${randomBytes(3).toString('hex')}`;
describeObjectStoreConformance('s3', {
  create: async () => createS3ObjectStore(config(`${prefix}/conformance`)),
  cleanup: () => wipe(`${prefix}/conformance`),
  largeBodyBytes: 11 * 1024 * 1024 + 5, // three multipart parts of 5 MiB
  // versitygw (POSIX backend) accepts the class-changing copy but keeps reporting STANDARD.
  reportsStorageClass: process.env.S3_REPORTS_STORAGE_CLASS === '1',
});

describe('repository on S3', () => {
  it('writes a multi-pack snapshot and verifies it at the read-data level', async () => {
    const store = withRetry(createS3ObjectStore(config(`${prefix}/repo`)));
    const kit = createTestKit(store);
    const mongo = createMemoryMongoEndpoint();
    const rand = rng(1);
    for (let i = 0; i < 3000; i++) mongo.insert('t_acme', 'orders', orderDoc(rand, i));
    const { manifest } = await runSnapshot({
      tenant: { tenantId: 'acme', tenancy: { model: 'DATABASE', database: 't_acme' } },
      endpoint: mongo.endpoint,
      ...kit,
      options: { targetPackBytes: 64 * 1024, frameBytes: 16 * 1024, entriesPerSegment: 500 },
    });
    expect(manifest.stats.packsWritten).toBeGreaterThan(2);
    const repo = await createRepository({ tenantId: 'acme', ...kit });
    const report = await verifyRepository({ repo, level: 'read-data' });
    expect(report.problems).toEqual([]);
    expect(report.checked.documents).toBe(3000);
    await wipe(`${prefix}/repo`);
  });
});
