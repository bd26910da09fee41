import { EngineError, isEngineError } from '../errors/engine-error';
import { blobIdOf } from '../format/document-key';
import type { TIndexEntry } from '../format/index-segment';
import { packKey } from '../format/layout';
import { checkStamp } from '../format/object-head';
import { openPackBytes, readPackTrailer } from '../format/pack-reader';
import type { TRepository } from '../repo/repository';
import type { TVerifyLevel } from './types';

export type TPackUse = { collection: string; entry: TIndexEntry };

const disagree = (objectKey: string, what: string) => new EngineError('INTEGRITY_MISMATCH', `index and pack disagree: ${what}`, { objectKey });

/**
 * Checks one pack against the index entries that use it. structural: it exists with the indexed
 * size, and its trailer (two ranged GETs) lists every indexed blob at the indexed place.
 * read-data: additionally the whole pack is read, its stamp and every frame authenticated, and
 * every indexed blob re-hashed. Throws the first EngineError found.
 */
export async function checkPack(repo: TRepository, uses: TPackUse[], level: TVerifyLevel, blobSecret: Buffer): Promise<number> {
  const pack = uses[0]!.entry.pack;
  const objectKey = packKey(repo.tenant.tenantKey, pack.id);
  const head = await repo.store.head(objectKey);
  if (!head) throw new EngineError('OBJECT_MISSING', 'pack is missing', { objectKey });
  // An anomaly seen through ranged reads is classified by the whole object's stamp: corrupted
  // (INTEGRITY_MISMATCH), an intact object under the wrong name (WRONG_OBJECT_KEY), or else a
  // sound pack the index describes wrongly.
  const classify = async (fallback: EngineError): Promise<never> => {
    checkStamp(await repo.store.get(objectKey), objectKey, true);
    throw fallback;
  };
  if (head.size !== pack.size) await classify(disagree(objectKey, `size ${head.size} ≠ indexed ${pack.size}`));

  if (level === 'structural') {
    let trailer;
    try {
      trailer = await readPackTrailer(repo, pack);
    } catch (err) {
      if (!isEngineError(err, 'INTEGRITY_MISMATCH')) throw err;
      return classify(err);
    }
    const listed = new Set<string>();
    trailer.frames.forEach((f, n) => {
      const indexed = pack.frames[n];
      if (!indexed || indexed.offset !== f.offset || indexed.length !== f.length) throw disagree(objectKey, `frame ${n} placement`);
      for (const [c, b, o, l] of f.blobs) listed.add(`${n}/${c}/${b}/${o}/${l}`);
    });
    for (const { collection, entry: e } of uses) {
      if (!listed.has(`${e.frame}/${collection}/${e.blobId}/${e.offset}/${e.length}`)) throw disagree(objectKey, `blob ${e.blobId} not in trailer`);
    }
    return 0;
  }

  const bytes = await repo.store.get(objectKey);
  const opened = await openPackBytes(repo, objectKey, bytes);
  for (const { collection, entry: e } of uses) {
    const frame = opened.frames[e.frame];
    if (!frame || e.offset + e.length > frame.length) throw disagree(objectKey, `blob ${e.blobId} outside its frame`);
    if (blobIdOf(blobSecret, collection, e.idKey, frame.subarray(e.offset, e.offset + e.length)) !== e.blobId) {
      throw new EngineError('INTEGRITY_MISMATCH', `blob ${e.blobId} does not match its content`, { objectKey });
    }
  }
  return bytes.length;
}
