import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BSON } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../read/read-document';
import { streamCollection } from '../read/stream-collection';
import { listSnapshots } from '../repo/list-snapshots';
import { createRepository } from '../repo/repository';
import { createFsObjectStore } from '../stores/fs-object-store';
import { readOnly } from '../stores/read-only';
import { GOLDEN_DIR, GOLDEN_TENANT } from '../testing/generate-golden-v1';
import { createTestKit } from '../testing/test-kit';
import { verifyRepository } from '../verify/verify-repository';

// The committed v1 repository must stay readable by every later reader. If this fails, the
// change broke compatibility with released backups: fix the reader, never the fixture.
type TExpected = {
  snapshots: { snapshotId: string; seq: number; codec: string; collections: Record<string, { count: number; fingerprint: string }> }[];
  samples: { snapshot: number; id: unknown; doc: unknown }[];
};

describe('golden repository v1', async () => {
  const expected = JSON.parse(await readFile(path.join(GOLDEN_DIR, 'expected.json'), 'utf8')) as TExpected;
  const store = readOnly(createFsObjectStore(path.join(GOLDEN_DIR, 'store')));
  const { keys } = createTestKit(store);
  const repo = await createRepository({ tenantId: GOLDEN_TENANT.tenantId, store, keys });

  it('lists both snapshots with their verified manifests', async () => {
    const { snapshots, invalid } = await listSnapshots(repo);
    expect(invalid).toEqual([]);
    expect(snapshots.map((s) => [s.snapshotId, s.seq])).toEqual(expected.snapshots.map((s) => [s.snapshotId, s.seq]));
    expect(snapshots.map((s) => s.kind)).toEqual(['full', 'incremental']);
  });

  it('verifies at the read-data level (zstd and gzip objects)', async () => {
    const report = await verifyRepository({ repo, level: 'read-data' });
    expect(report.problems).toEqual([]);
    expect(report.checked.documents).toBe(121 + 120);
  });

  it('reads the recorded documents back exactly', async () => {
    for (const s of expected.samples) {
      const snap = expected.snapshots[s.snapshot]!;
      const got = await readDocument({ repo, snapshot: snap.snapshotId, collection: 'orders', id: BSON.EJSON.deserialize(s.id as never) });
      expect(got ? BSON.EJSON.serialize(got.doc) : null).toEqual(s.doc);
    }
  });

  it('streams every collection with the recorded counts', async () => {
    for (const snap of expected.snapshots) {
      for (const [name, c] of Object.entries(snap.collections)) {
        let n = 0;
        for await (const _ of streamCollection({ repo, snapshot: snap.snapshotId, collection: name })) n++;
        expect(n).toBe(c.count);
      }
    }
  });
});
