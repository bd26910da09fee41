import type { TManifest } from '../format/manifest';
import type { CollectionCapture } from './collection-capture';

export type TSnapshotStats = TManifest['stats'] & {
  documentsPerSecond: number;
  /** Raw bytes of the new blobs ÷ pack bytes written (0 when nothing was new). */
  compressionRatio: number;
  /** Bytes of the index segment objects this snapshot wrote (unchanged collections reuse their parent's). */
  segmentBytesWritten: number;
  manifestBytes: number;
  /** Everything this snapshot added to the repository: packs + index segments + manifest. */
  storedBytes: number;
  /**
   * Per collection (logical name): its share of the packs (each frame's sealed size split by the
   * raw bytes of each collection in it, pack overhead by raw share; see format/pack-writer.ts)
   * plus its own index segments. Whole bytes; the values sum to `storedBytes − manifestBytes`.
   */
  storedBytesByCollection: Record<string, number>;
};

export function snapshotStats(args: {
  manifest: TManifest;
  captures: readonly CollectionCapture[];
  packBytesByCollection: ReadonlyMap<string, number>;
  segmentBytesByCollection: ReadonlyMap<string, number>;
  manifestBytes: number;
}): TSnapshotStats {
  const { manifest, captures } = args;
  const s = manifest.stats;
  // Raw bytes of the blobs this snapshot wrote that are still live (not ones replaced during replay).
  const newBytes = captures.reduce((n, c) => n + [...c.current.values()].reduce((a, l) => a + ('slot' in l.ref ? l.length : 0), 0), 0);
  const segmentBytesWritten = [...args.segmentBytesByCollection.values()].reduce((a, b) => a + b, 0);
  const byCollection = (name: string) => (args.packBytesByCollection.get(name) ?? 0) + (args.segmentBytesByCollection.get(name) ?? 0);
  return {
    ...s,
    documentsPerSecond: Math.round(s.documents / Math.max(0.001, s.durationMs / 1000)),
    compressionRatio: s.packBytesWritten > 0 ? Number((newBytes / s.packBytesWritten).toFixed(2)) : 0,
    segmentBytesWritten,
    manifestBytes: args.manifestBytes,
    storedBytes: s.packBytesWritten + segmentBytesWritten + args.manifestBytes,
    storedBytesByCollection: Object.fromEntries(manifest.collections.map((c) => [c.name, byCollection(c.name)])),
  };
}
