import 'server-only';
import { BSON } from 'mongodb';
import { z } from 'zod';
import type { TActor } from '@/lib/auth/actor';
import { readDocumentPage } from '@/lib/engine';
import { AppError } from '@/lib/errors';
import { assertCollectionIn, openTenantSnapshot } from './open-tenant-snapshot';
import { parseFilterText } from './parse-browse-input';

export const ZSnapshotDocumentsQuery = z.object({
  collection: z.string().min(1).max(200),
  after: z
    .string()
    .regex(/^[0-9a-f]{2,2100}$/, 'invalid cursor')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  filter: z.string().max(16_384).optional(),
});

export type TSnapshotDocumentRow = { idKey: string; id: unknown; preview: string; bytes: number; document: Record<string, unknown> };
export type TSnapshotDocumentsPage = {
  collection: string;
  items: TSnapshotDocumentRow[];
  nextAfter: string | null;
  scanned: number;
  /** documents in the collection (whole snapshot, before any filter) */
  total: number;
  isFiltered: boolean;
};

/** One line of a document for the list: its fields after _id, truncated. */
export function previewOf(ejson: Record<string, unknown>, max = 140): string {
  const { _id: _omit, ...rest } = ejson;
  const s = JSON.stringify(rest);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** A page of the documents of one collection inside a snapshot (engine read path, read-only). */
export async function listSnapshotDocuments(args: { actor: TActor; slug: string; snapshotId: string; query: unknown }): Promise<TSnapshotDocumentsPage> {
  const { repo, manifest } = await openTenantSnapshot(args);
  const parsed = ZSnapshotDocumentsQuery.safeParse(args.query);
  if (!parsed.success) throw new AppError('INVALID_INPUT', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const q = parsed.data;
  const filter = parseFilterText(q.filter);
  const coll = assertCollectionIn(manifest, q.collection);
  const page = await readDocumentPage({ repo, manifest, collection: coll.name, after: q.after ?? null, limit: q.limit, filter, maxScan: 5_000 });
  return {
    collection: coll.name,
    items: page.items.map(({ idKey, doc }) => {
      const ejson = BSON.EJSON.serialize(doc, { relaxed: true }) as Record<string, unknown>;
      return { idKey, id: ejson._id, preview: previewOf(ejson), bytes: BSON.calculateObjectSize(doc), document: ejson };
    }),
    nextAfter: page.nextAfter,
    scanned: page.scanned,
    total: coll.count,
    isFiltered: filter !== null,
  };
}
