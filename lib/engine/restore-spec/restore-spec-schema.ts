// The restore package (spec): declarative JSON describing what to restore, from where, to where,
// and how conflicts are handled. Structure is checked here; meaning (tenant scope, namespaces,
// the filter's safe subset) is checked by parseRestoreSpec.
import { z } from 'zod';
import { isPlainObject } from '../filter/is-plain-object';
import { RESTORE_SPEC_LIMITS } from './limits';

const ISO_DATETIME = z.iso.datetime({ offset: true, error: 'expected an ISO-8601 date-time with a zone, e.g. 2024-11-21T02:00:00Z' });

export const ZNamespacePattern = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9_*][A-Za-z0-9_.*-]*$/, 'namespace patterns use letters, digits, _ . - and * only (logical names, without the tenant prefix)')
  .refine((s) => !s.startsWith('system.'), 'system collections cannot be restored');

/** `{"$oid": "..."}`, a string or a number: the `_id` types a restore may name directly. */
export const ZDocumentId = z.union(
  [z.strictObject({ $oid: z.string().regex(/^[0-9a-fA-F]{24}$/, '$oid must be 24 hex characters') }), z.string().min(1).max(1024), z.number()],
  { error: 'a document id is {"$oid": "<24 hex>"}, a string or a number' },
);

export const ZRestoreTarget = z.discriminatedUnion(
  'mode',
  [
    z.strictObject({ mode: z.literal('in-place') }),
    z.strictObject({
      mode: z.literal('side-namespace'),
      /** appended to each collection name; default `__restore_<restore id>` */
      suffix: z
        .string()
        .regex(/^__[A-Za-z0-9_-]{1,62}$/, 'suffix starts with "__" followed by up to 62 letters, digits, _ or -')
        .optional(),
    }),
    z.strictObject({ mode: z.literal('database'), database: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/, 'invalid database name') }),
  ],
  { error: "target.mode is 'in-place', 'side-namespace' or 'database'" },
);

export const ZTimeWindow = z
  .strictObject({
    /** dotted path of a date field; when absent, the creation time inside ObjectId `_id`s */
    field: z.string().min(1).max(256).optional(),
    from: ISO_DATETIME.optional(),
    to: ISO_DATETIME.optional(),
  })
  .refine((w) => w.from !== undefined || w.to !== undefined, 'a time window needs from, to or both')
  .refine((w) => w.from === undefined || w.to === undefined || Date.parse(w.from) < Date.parse(w.to), 'from must be before to');

export const ZRestoreSpec = z.strictObject({
  version: z.literal(1),
  tenant: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'tenant is a tenant slug'),
  source: z.union(
    [
      z.strictObject({ snapshotId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'invalid snapshot id') }),
      // Reserved for point-in-time recovery; validated now so packages written today stay valid.
      z.strictObject({ pointInTime: ISO_DATETIME }),
    ],
    { error: 'source is {"snapshotId": ...} or {"pointInTime": "<ISO date-time>"}' },
  ),
  selection: z
    .strictObject({
      namespaces: z
        .strictObject({
          include: z
            .array(ZNamespacePattern)
            .min(1)
            .max(RESTORE_SPEC_LIMITS.maxNamespacePatterns)
            .default(() => ['*']),
          exclude: z
            .array(ZNamespacePattern)
            .max(RESTORE_SPEC_LIMITS.maxNamespacePatterns)
            .default(() => []),
        })
        // defaults are functions: zod returns a default as is, and a shared object could be mutated
        .default(() => ({ include: ['*'], exclude: [] })),
      documentIds: z.array(ZDocumentId).min(1).max(RESTORE_SPEC_LIMITS.maxDocumentIds, `at most ${RESTORE_SPEC_LIMITS.maxDocumentIds} document ids`).optional(),
      /** a filter in the safe query subset (lib/engine/filter), compiled by parseRestoreSpec */
      filter: z.custom<Record<string, unknown>>(isPlainObject, 'filter must be an object').optional(),
      timeWindow: ZTimeWindow.optional(),
    })
    .default(() => ({ namespaces: { include: ['*'], exclude: [] } })),
  target: ZRestoreTarget,
  conflictPolicy: z.enum(['skip', 'overwrite', 'fail']),
  deleteExtraneous: z.boolean().default(false),
  restoreIndexes: z.boolean().default(false),
  reason: z.string().trim().min(1).max(RESTORE_SPEC_LIMITS.maxReasonLength).optional(),
});

export type TRestoreSpec = z.infer<typeof ZRestoreSpec>;
export type TRestoreTarget = z.infer<typeof ZRestoreTarget>;
export type TDocumentIdJson = z.infer<typeof ZDocumentId>;
