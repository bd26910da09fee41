// Collections Vaultline itself writes into tenant databases. They hold restore bookkeeping, not
// tenant data, so capture never backs them up (a restore of a snapshot would otherwise bring
// back stale lineage), and restore refuses them as a target (restore/assert-plan-confined.ts).

/** The restore engine's lineage side collection (`<prefix>__vaultline_lineage` for COLLECTION_PREFIX). */
export const LINEAGE_COLLECTION = '__vaultline_lineage';

/** By tenant-logical name, i.e. after the COLLECTION_PREFIX prefix is stripped. */
export const isReservedCollection = (logicalName: string) => logicalName === LINEAGE_COLLECTION;
