import { z } from 'zod';

// What the restore builder form sends. It is turned into a restore package (the engine's spec)
// by buildRestoreSpec, and the package is then validated by the engine's parser, so the form
// cannot express anything a hand-written package could not.
export const ZRestoreBuilderInput = z.object({
  snapshotId: z.string().min(1, 'Choose a snapshot.').max(128),
  namespaces: z.array(z.string().max(120)).max(100).default([]),
  /** one id per line: Extended JSON ({"$oid": "…"}, 42, "text") or bare text */
  documentIds: z.string().max(200_000).default(''),
  /** JSON filter in the safe subset; empty for none */
  filter: z.string().max(16_384).default(''),
  targetMode: z.enum(['in-place', 'side-namespace']),
  suffix: z.string().max(64).default(''),
  conflictPolicy: z.enum(['skip', 'overwrite', 'fail']),
  deleteExtraneous: z.boolean().default(false),
});
export type TRestoreBuilderInput = z.input<typeof ZRestoreBuilderInput>;

/** Which form field an engine issue path belongs to, so the error shows next to it. */
export type TBuilderField = 'snapshotId' | 'namespaces' | 'documentIds' | 'filter' | 'target' | 'conflictPolicy' | 'form';
export type TBuilderIssue = { field: TBuilderField; path: string; message: string };

export function fieldOfIssuePath(path: readonly (string | number)[]): TBuilderField {
  const [a, b] = path;
  if (a === 'source') return 'snapshotId';
  if (a === 'selection' && b === 'namespaces') return 'namespaces';
  if (a === 'selection' && b === 'documentIds') return 'documentIds';
  if (a === 'selection' && b === 'filter') return 'filter';
  if (a === 'target') return 'target';
  if (a === 'conflictPolicy' || a === 'deleteExtraneous') return 'conflictPolicy';
  return 'form';
}

/** One id line → the package's id form: {"$oid"} for 24 hex, numbers as numbers, else text. */
export function parseIdLine(line: string): unknown {
  const t = line.trim();
  if (/^[0-9a-fA-F]{24}$/.test(t)) return { $oid: t };
  if (t.startsWith('{') || t.startsWith('"')) {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return t;
    }
  }
  if (/^-?\d+(\.\d+)?$/.test(t) && Number.isFinite(Number(t))) return Number(t);
  return t;
}

/**
 * Form → restore package, or issues for what is not even JSON. Everything else (namespaces of
 * the tenant, the filter's safe subset, ids, target) is left to the engine's parser.
 */
export function buildRestoreSpec(
  tenantSlug: string,
  input: z.output<typeof ZRestoreBuilderInput>,
): { ok: true; spec: Record<string, unknown> } | { ok: false; issues: TBuilderIssue[] } {
  const issues: TBuilderIssue[] = [];
  let filter: unknown;
  if (input.filter.trim() !== '') {
    try {
      filter = JSON.parse(input.filter) as unknown;
    } catch (e) {
      issues.push({ field: 'filter', path: '$.selection.filter', message: `not valid JSON: ${(e as Error).message}` });
    }
  }
  const ids = input.documentIds
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map(parseIdLine);
  if (issues.length > 0) return { ok: false, issues };
  const namespaces = input.namespaces.map((n) => n.trim()).filter((n) => n !== '');
  const spec: Record<string, unknown> = {
    version: 1,
    tenant: tenantSlug,
    source: { snapshotId: input.snapshotId },
    selection: {
      namespaces: { include: namespaces.length > 0 ? namespaces : ['*'], exclude: [] },
      ...(ids.length > 0 ? { documentIds: ids } : {}),
      ...(filter !== undefined ? { filter } : {}),
    },
    target:
      input.targetMode === 'in-place' ? { mode: 'in-place' } : { mode: 'side-namespace', ...(input.suffix.trim() ? { suffix: input.suffix.trim() } : {}) },
    conflictPolicy: input.conflictPolicy,
    deleteExtraneous: input.deleteExtraneous,
  };
  return { ok: true, spec };
}
