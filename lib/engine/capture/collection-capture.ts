import { EngineError } from '../errors/engine-error';
import { blobIdOf, fieldKeyFromRaw, idKeyFromRaw, valueKeyOf } from '../format/document-key';
import { Fingerprint } from '../format/fingerprint';
import type { TIndexEntry } from '../format/index-segment';
import type { TManifestCollection } from '../format/manifest';
import type { TBlobRef, createPackWriter } from '../format/pack-writer';
import type { TScopedCollection } from '../mongo/resolve-tenant-scope';

type TLive = { blobId: string; length: number; ref: TBlobRef | TIndexEntry };

/**
 * The in-memory state of one collection during capture: id key → current blob. Documents stream
 * through to the pack writer; only ~100 bytes of index per document stay here (the documented
 * memory bound). A blob whose id the parent already has is referenced, not written again.
 */
export class CollectionCapture {
  readonly current = new Map<string, TLive>();
  /**
   * Documents removed by a replayed delete: if the window later re-inserts the same bytes (a
   * delete + insert, or a delete replayed for a document the scan read after it came back),
   * the blob already written is referenced again instead of being written twice. Only window
   * operations land here, so it stays small.
   */
  private readonly removed = new Map<string, TLive>();
  newBlobs = 0;
  private readonly tenantCheck: { field: string; key: string } | null;

  constructor(
    readonly scope: TScopedCollection,
    private readonly parent: ReadonlyMap<string, TIndexEntry>,
    private readonly blobSecret: Buffer,
    private readonly packs: ReturnType<typeof createPackWriter>,
  ) {
    const [field, value] = Object.entries(scope.predicate)[0] ?? [];
    this.tenantCheck = field === undefined ? null : { field, key: valueKeyOf(value) };
  }

  /** Records the document's current bytes; writes a new blob only when the content is new. */
  async offer(raw: Uint8Array): Promise<void> {
    // Defence in depth: the query already carries the predicate; a document of another tenant
    // reaching this point would be a server or filter bug, and must never enter the backup.
    if (this.tenantCheck && fieldKeyFromRaw(raw, this.tenantCheck.field) !== this.tenantCheck.key) {
      throw new EngineError('TENANT_SCOPE_VIOLATION', `document outside the tenant scope in ${this.scope.collection}`);
    }
    const idKey = idKeyFromRaw(raw);
    const blobId = blobIdOf(this.blobSecret, this.scope.name, idKey, raw);
    const seen = this.current.get(idKey);
    if (seen?.blobId === blobId) return;
    const gone = this.removed.get(idKey);
    if (gone?.blobId === blobId) {
      this.current.set(idKey, gone);
      return;
    }
    const inParent = this.parent.get(idKey);
    if (inParent?.blobId === blobId) {
      this.current.set(idKey, { blobId, length: raw.byteLength, ref: inParent });
      return;
    }
    const ref = await this.packs.add(this.scope.name, blobId, raw);
    this.newBlobs++;
    this.current.set(idKey, { blobId, length: raw.byteLength, ref });
  }

  remove(idKey: string): boolean {
    const live = this.current.get(idKey);
    if (live) this.removed.set(idKey, live);
    return this.current.delete(idKey);
  }

  has(idKey: string): boolean {
    return this.current.has(idKey);
  }

  /** After all packs are stored: sorted index entries, counts, fingerprint and delta. */
  finalize(): { entries: TIndexEntry[]; stats: Pick<TManifestCollection, 'count' | 'bytes' | 'fingerprint' | 'delta' | 'deletedIds'> } {
    const keys = [...this.current.keys()].sort();
    const fp = new Fingerprint();
    const delta = { inserted: 0, updated: 0, deleted: 0, unchanged: 0 };
    let bytes = 0;
    const entries = keys.map((idKey): TIndexEntry => {
      const live = this.current.get(idKey)!;
      fp.addBlobId(live.blobId);
      bytes += live.length;
      const before = this.parent.get(idKey);
      if (!before) delta.inserted++;
      else if (before.blobId === live.blobId) delta.unchanged++;
      else delta.updated++;
      if ('pack' in live.ref) return live.ref;
      const pack = live.ref.slot.info;
      if (!pack) throw new EngineError('INVALID_ARGUMENT', 'finalize() called before the pack writer finished');
      return { idKey, blobId: live.blobId, pack, frame: live.ref.frame, offset: live.ref.offset, length: live.ref.length };
    });
    const deletedIds = [...this.parent.keys()].filter((k) => !this.current.has(k)).sort();
    delta.deleted = deletedIds.length;
    return { entries, stats: { count: entries.length, bytes, fingerprint: fp.toString(), delta, deletedIds } };
  }
}
