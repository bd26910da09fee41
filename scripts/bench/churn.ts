// Churn for the incremental measurement: the sampled documents (1 %, spread evenly over every
// collection) get a status change and a timestamp, as an application would make. FerretDB v1
// (SQLite) does not push `_id` filters of writes down: each updateOne scans its collection
// (measured 89 ms at 20k documents, O(n)), so 2,000 single updates would take many minutes.
// The change is applied as one deleteMany({_id: {$in}}) + insertMany of the changed documents
// per collection instead: for the engine exactly an update (same _id, new bytes).
// Then the floor an incremental can reach: the changed documents' bytes, as captured, compressed
// the way packs compress them (same codec and frame size), without encryption, pack or index
// overhead.
import type { Db, Document } from 'mongodb';
import { idKeyOf, streamCollection, type TManifest, type TRepository } from '../../lib/engine';
import { compress } from '../../lib/engine/format/codec';
import type { TGenContext } from '../../prisma/seed/mongo/generate-common';
import { demoDocs } from './demo-source';

export async function applyChurn(db: Db, ctx: TGenContext, sample: Record<string, number[]>) {
  const t0 = performance.now();
  const ids: Record<string, unknown[]> = {};
  for (const [name, indexes] of Object.entries(sample)) {
    const changed = indexes.map((i, k): Document => ({ ...demoDocs(ctx, name, i, i + 1)[0]!, status: `bench-${k}`, benchUpdatedAt: new Date() }));
    ids[name] = changed.map((d) => d._id);
    await db.collection(name).deleteMany({ _id: { $in: ids[name] } } as Document);
    await db.collection(name).insertMany(changed);
  }
  return { ids, documents: Object.values(ids).reduce((n, l) => n + l.length, 0), seconds: (performance.now() - t0) / 1000 };
}

export async function compressedSizeOf(repo: TRepository, manifest: TManifest, ids: Record<string, unknown[]>, frameBytes: number) {
  let raw = 0;
  let compressed = 0;
  for (const [name, list] of Object.entries(ids)) {
    const wanted = new Set(list.map((id) => idKeyOf(id)));
    let frame: Buffer[] = [];
    let size = 0;
    const flush = async () => {
      if (size > 0) compressed += (await compress(manifest.codec, Buffer.concat(frame))).length;
      frame = [];
      size = 0;
    };
    for await (const doc of streamCollection({ repo, snapshot: manifest, collection: name })) {
      if (!wanted.has(doc.idKey)) continue;
      frame.push(doc.raw);
      size += doc.raw.length;
      raw += doc.raw.length;
      if (size >= frameBytes) await flush();
    }
    await flush();
  }
  return { raw, compressed };
}
