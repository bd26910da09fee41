// Where a cluster's capture stands. `through`: every entry with ts ≤ through of every configured
// tenant is in a durable segment (saved only after all of a run's segments are written).
// `since`: the capture has been continuous from `since` (exclusive) to `through`; a gap (the
// oplog rolled past `through`) restarts it. The catalog persists it; tests use the memory store.
export type TCapturePosition = { through: bigint; since: bigint };

export interface CapturePositionStore {
  load(): Promise<TCapturePosition | null>;
  save(position: TCapturePosition): Promise<void>;
}

export function createMemoryPositionStore(initial: TCapturePosition | null = null): CapturePositionStore & { current(): TCapturePosition | null } {
  let p = initial;
  return {
    load: async () => p,
    save: async (next) => void (p = next),
    current: () => p,
  };
}
