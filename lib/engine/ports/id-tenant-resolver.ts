// `_id → tenant` for shared (SHARED_FIELD) collections, so the oplog demultiplexer can route the
// entries that do not carry the tenant field: deletes (FerretDB and MongoDB hold only `o: {_id}`)
// and MongoDB's diff-style updates (`$v: 2`, changed fields only). Synchronous on purpose, so the
// demultiplexer stays a pure function; the async part (seeding from a snapshot's index, a
// verified lookup against the live collection) happens before a batch is demultiplexed
// (pitr/id-tenant-map.ts). `ns` is `<database>.<collection>`, `idKey` the engine's id key.
export interface IdTenantResolver {
  /** The tenant that owns the document, or undefined when not known. */
  lookup(ns: string, idKey: string): string | undefined;
  remember(ns: string, idKey: string, tenantId: string): void;
  forget(ns: string, idKey: string): void;
}
