import { EngineError } from '../errors/engine-error';
import { blobIdOf } from '../format/document-key';
import type { TIndexEntry } from '../format/index-segment';
import { packKey } from '../format/layout';
import { readFrame } from '../format/pack-reader';
import type { TRepository } from '../repo/repository';

/** Small LRU of decrypted frames, so streaming a collection reads each frame about once. */
export class FrameCache {
  private readonly frames = new Map<string, Promise<Buffer>>();
  constructor(private readonly capacity = 8) {}

  get(repo: TRepository, entry: TIndexEntry): Promise<Buffer> {
    const k = `${entry.pack.id}/${entry.frame}`;
    let f = this.frames.get(k);
    if (f) {
      this.frames.delete(k);
    } else {
      f = readFrame(repo, entry.pack, entry.frame);
      f.catch(() => this.frames.delete(k));
    }
    this.frames.set(k, f);
    while (this.frames.size > this.capacity) this.frames.delete(this.frames.keys().next().value!);
    return f;
  }
}

/**
 * The exact BSON bytes of one indexed document, verified: the frame authenticates (AES-GCM) and
 * the bytes must hash to the entry's keyed blob id, so a stale or crossed index entry cannot
 * return another document.
 */
export async function readBlob(repo: TRepository, collection: string, entry: TIndexEntry, blobSecret: Buffer, cache?: FrameCache): Promise<Buffer> {
  const frame = await (cache ?? new FrameCache(1)).get(repo, entry);
  const objectKey = packKey(repo.tenant.tenantKey, entry.pack.id);
  if (entry.offset + entry.length > frame.length) {
    throw new EngineError('INTEGRITY_MISMATCH', 'index entry points past the end of its frame', { objectKey });
  }
  const raw = frame.subarray(entry.offset, entry.offset + entry.length);
  if (blobIdOf(blobSecret, collection, entry.idKey, raw) !== entry.blobId) {
    throw new EngineError('INTEGRITY_MISMATCH', `blob ${entry.blobId} does not match its content`, { objectKey, blobId: entry.blobId });
  }
  return Buffer.from(raw);
}
