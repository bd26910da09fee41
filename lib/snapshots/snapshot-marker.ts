// What the timeline and snapshot list get of a snapshot row (no manifest keys, no job ids).
export type TSnapshotMarker = {
  id: string;
  seq: number;
  kind: 'FULL' | 'INCREMENTAL';
  status: 'RUNNING' | 'COMPLETED' | 'FAILED';
  startedAt: string;
  consistentAt: string | null;
  documents: number;
  changedDocuments: number;
  deletedDocuments: number;
  storedBytes: number;
  error: string | null;
  /** Legal hold reason (held snapshots are never expired), or null. */
  held: string | null;
  /** The current policy expires it within the next 7 days (set by the timeline and list reads). */
  expiringSoon: boolean;
};

export const SNAPSHOT_MARKER_SELECT = {
  id: true,
  seq: true,
  kind: true,
  status: true,
  startedAt: true,
  consistentAt: true,
  documents: true,
  changedDocuments: true,
  deletedDocuments: true,
  storedBytes: true,
  error: true,
  holdReason: true,
} as const;

type TRow = {
  id: string;
  seq: number;
  kind: TSnapshotMarker['kind'];
  status: TSnapshotMarker['status'];
  startedAt: Date;
  consistentAt: Date | null;
  documents: bigint;
  changedDocuments: bigint;
  deletedDocuments: bigint;
  storedBytes: bigint;
  error: string | null;
  holdReason: string | null;
};

export function toSnapshotMarker(r: TRow): TSnapshotMarker {
  return {
    id: r.id,
    seq: r.seq,
    kind: r.kind,
    status: r.status,
    startedAt: r.startedAt.toISOString(),
    consistentAt: r.consistentAt?.toISOString() ?? null,
    documents: Number(r.documents),
    changedDocuments: Number(r.changedDocuments),
    deletedDocuments: Number(r.deletedDocuments),
    storedBytes: Number(r.storedBytes),
    // Failure text is for the tenant's own admins; keep it short.
    error: r.error ? r.error.slice(0, 300) : null,
    held: r.holdReason,
    expiringSoon: false,
  };
}
