// Writes a snapshot straight through the format layer, without capture's tenant check, so tests
// can prove the restore path refuses a snapshot holding another tenant's document on its own.
import { randomBytes } from 'node:crypto';
import { BSON, type Document } from 'mongodb';
import { blobIdOf, idKeyFromRaw } from '../../format/document-key';
import { fingerprintBlobIds } from '../../format/fingerprint';
import { writeIndexSegments, type TIndexEntry } from '../../format/index-segment';
import { newSnapshotId } from '../../format/layout';
import type { TManifest } from '../../format/manifest';
import { writeManifest } from '../../format/manifest-io';
import { createPackWriter, type TBlobRef } from '../../format/pack-writer';
import type { TRepository } from '../../repo/repository';

export async function forgeSnapshot(repo: TRepository, template: TManifest, collections: Record<string, Document[]>): Promise<TManifest> {
  const secret = await repo.keys.tenantSecret(repo.tenant.tenantId, 'blob-id');
  const packs = createPackWriter({ ...repo, codec: repo.options.codec, targetPackBytes: repo.options.targetPackBytes, frameBytes: repo.options.frameBytes });
  const pending: Record<string, { idKey: string; blobId: string; ref: TBlobRef }[]> = {};
  for (const [name, docs] of Object.entries(collections)) {
    pending[name] = [];
    for (const d of docs) {
      const raw = BSON.serialize(d);
      const idKey = idKeyFromRaw(raw);
      const blobId = blobIdOf(secret, name, idKey, raw);
      pending[name]!.push({ idKey, blobId, ref: await packs.add(name, blobId, raw) });
    }
  }
  await packs.finish();
  const out: TManifest['collections'] = [];
  for (const [name, items] of Object.entries(pending)) {
    const entries: TIndexEntry[] = items
      .map(({ idKey, blobId, ref }) => ({ idKey, blobId, pack: ref.slot.info!, frame: ref.frame, offset: ref.offset, length: ref.length }))
      .sort((a, b) => (a.idKey < b.idKey ? -1 : 1));
    const base = template.collections.find((c) => c.name === name) ?? template.collections[0]!;
    out.push({
      ...base,
      name,
      source: { database: template.tenancy.database, collection: name },
      count: entries.length,
      bytes: entries.reduce((n, e) => n + e.length, 0),
      fingerprint: fingerprintBlobIds(entries.map((e) => e.blobId)),
      segments: await writeIndexSegments({ ...repo, codec: repo.options.codec }, name, entries, repo.options.entriesPerSegment),
      delta: { inserted: entries.length, updated: 0, deleted: 0, unchanged: 0 },
      deletedIds: [],
    });
  }
  const seq = template.seq + 100;
  const manifest: TManifest = {
    ...template,
    seq,
    parent: null,
    kind: 'full',
    snapshotId: newSnapshotId(new Date(), seq, randomBytes(4).toString('hex')),
    collections: out,
  };
  await writeManifest(repo, manifest);
  return manifest;
}
