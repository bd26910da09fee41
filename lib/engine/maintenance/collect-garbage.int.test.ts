import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { tenantRoot } from '../format/layout';
import { createManualClock } from '../ports/clock';
import type { ObjectStore } from '../ports/object-store';
import { createS3ObjectStore } from '../stores/s3-object-store';
import { withRetry } from '../stores/with-retry';
import { verifySnapshot } from '../verify/verify-snapshot';
import { collectGarbage } from './collect-garbage';
import { gcStatePrefix } from './gc-state';
import { buildHistory, readBack } from './testing/gc-fixture';

// GC against the local S3 server of scripts/services.sh (source scripts/env.sh first): paginated
// listings, real deletes, two tenants under one fresh random prefix (deleted afterwards).
const prefix = `it-gc-${Date.now()}-${randomBytes(3).toString('hex')}`;
const env = process.env;
const store: ObjectStore = withRetry(
  createS3ObjectStore({
    endpoint: env.S3_ENDPOINT ?? 'http://127.0.0.1:59000',
    region: env.S3_REGION ?? 'us-east-1',
    bucket: env.S3_BUCKET ?? 'vaultline',
    accessKeyId: env.S3_ACCESS_KEY_ID ?? 'vaultline',
    secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? 'vaultline-local-secret',
    prefix,
    pageSize: 10,
  }),
);

async function keysUnder(p: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const { key } of store.list(p)) keys.push(key);
  return keys;
}

afterAll(async () => {
  for (const k of await keysUnder('')) await store.delete(k);
});

describe('collectGarbage on S3', () => {
  it('collects an expired history after the grace period; kept snapshots verify and read back; the other tenant is untouched', async () => {
    const a = await buildHistory({ store, tenantId: 'acme', seed: 31 });
    const b = await buildHistory({ store, tenantId: 'globex', seed: 32 });
    const bKeys = await keysUnder(tenantRoot(b.repo.tenant.tenantKey));
    const clock = createManualClock(new Date('2026-12-01T00:00:00Z'));
    const kept = [a.ids[1]!, a.ids[4]!];
    const args = { repo: a.repo, keptSnapshotIds: kept, expiredSnapshotIds: [a.ids[0]!, a.ids[2]!, a.ids[3]!], graceMs: 60_000, clock };
    const r1 = await collectGarbage(args);
    expect(r1.deleted.objects).toBe(0);
    expect(r1.candidates.objects).toBeGreaterThan(10);
    clock.advance(60_000);
    const r2 = await collectGarbage(args);
    expect(r2.deleted.objects).toBe(r1.candidates.objects);
    expect(r2.bytesFreed).toBe(r1.candidates.bytes);
    const left = await keysUnder(tenantRoot(a.repo.tenant.tenantKey));
    expect(left.length).toBe(r2.referenced.objects + 1); // + this run's state
    expect(left.filter((k) => k.startsWith(gcStatePrefix(a.repo.tenant.tenantKey)))).toEqual([r2.stateKey]);
    for (const h of a.history.filter((x) => kept.includes(x.manifest.snapshotId))) {
      expect((await verifySnapshot({ repo: a.repo, snapshotId: h.manifest.snapshotId, level: 'read-data' })).problems).toEqual([]);
      expect(await readBack(a.repo, h.manifest)).toEqual(h.expected);
    }
    expect(await keysUnder(tenantRoot(b.repo.tenant.tenantKey))).toEqual(bKeys);
    for (const id of b.ids) expect((await verifySnapshot({ repo: b.repo, snapshotId: id, level: 'structural' })).ok).toBe(true);
  });
});
