import { randomBytes } from 'node:crypto';

/**
 * A fresh restore id (`rr` + 24 hex). A portal dry-run is planned for one of these, and the
 * request submitted from it takes it as its id: the plan hash binds the restore id (side
 * namespaces, safety snapshot, journal and lineage are keyed by it).
 */
export const newRestoreId = () => `rr${randomBytes(12).toString('hex')}`;
