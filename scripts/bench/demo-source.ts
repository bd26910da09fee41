// The benchmark's documents: the demo generators' realistic shapes (acme: customers, products,
// orders, invoices — faker text, nested addresses, line items, status histories), with money as
// doubles because FerretDB v1 has no Decimal128 (as the demo seed stores it there).
import { ObjectId, type Document } from 'mongodb';
import { DEMO_TENANTS } from '../../prisma/seed/demo-tenants';
import { encodeDecimals } from '../../prisma/seed/mongo/decimal-encoding';
import { contextFor, generateRange } from '../../prisma/seed/mongo/generate-docs';
import type { TGenContext } from '../../prisma/seed/mongo/generate-common';

export const DEMO = DEMO_TENANTS.find((t) => t.slug === 'acme')!;

/** Per-collection counts for `total` documents, in the demo tenant's proportions. */
export function countsFor(total: number): Record<string, number> {
  const entries = Object.entries(DEMO.collections);
  const sum = entries.reduce((n, [, c]) => n + c, 0);
  const counts = Object.fromEntries(entries.map(([name, c]) => [name, Math.floor((total * c) / sum)]));
  counts[entries[0]![0]]! += total - Object.values(counts).reduce((a, b) => a + b, 0);
  return counts;
}

export function genContext(total: number): TGenContext {
  const sum = Object.values(DEMO.collections).reduce((a, b) => a + b, 0);
  return { ...contextFor(DEMO, total / sum), counts: countsFor(total) };
}

/** Documents [from, to) of a collection, ready for FerretDB. */
export function demoDocs(ctx: TGenContext, collection: string, from: number, to: number): Document[] {
  return generateRange(ctx, collection, from, to).map((d) => encodeDecimals(d, 'double'));
}

/**
 * The i-th document of an endless stream built from a fixed pool of demo documents: a fresh,
 * unique `_id` of the pool document's id type plus a `seq`, so every document is distinct (its
 * own blob) while the pool — not the stream — is all that is held in memory. A pool of 2048 is
 * larger than a frame (~256 KiB ≈ 280 documents), so compression never sees a repeat.
 */
export function streamedDoc(pool: readonly Document[], i: number): Document {
  const base = pool[i % pool.length]!;
  const round = Math.floor(i / pool.length);
  const _id = base._id instanceof ObjectId ? new ObjectId(`6553f100${i.toString(16).padStart(16, '0')}`) : `${String(base._id)}-${round}`;
  return { ...base, _id, seq: i };
}
