import { z } from 'zod';

// The three tenancy models (DESIGN.md §2), as the engine receives them from the catalog.
export const ZTenancy = z.discriminatedUnion('model', [
  z.object({ model: z.literal('DATABASE'), database: z.string().min(1) }),
  z.object({ model: z.literal('COLLECTION_PREFIX'), database: z.string().min(1), collectionPrefix: z.string().min(1) }),
  z.object({
    model: z.literal('SHARED_FIELD'),
    database: z.string().min(1),
    tenantField: z.string().min(1),
    tenantValue: z.union([z.string(), z.number()]),
    /** Restrict to these shared collections; default: every collection of the database. */
    collections: z.array(z.string()).optional(),
  }),
]);
export type TTenancy = z.infer<typeof ZTenancy>;

export const ZTenant = z.object({
  /** Stable catalog id; bound into every key, AAD and MAC. */
  tenantId: z.string().min(1),
  tenancy: ZTenancy,
});
export type TTenant = z.infer<typeof ZTenant>;
