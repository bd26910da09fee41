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

export type TRestoreBuilderValues = z.output<typeof ZRestoreBuilderInput>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One id as the form's line: the line parseIdLine reads back as the same id (null: not an id a package can name). */
export function documentIdLine(id: unknown): string | null {
  if (typeof id === 'number') return String(id);
  if (isRecord(id) && typeof id.$oid === 'string' && Object.keys(id).length === 1) return id.$oid;
  if (typeof id === 'string') return parseIdLine(id) === id ? id : JSON.stringify(id);
  return null;
}

/**
 * A restore package back into the builder's values (the builder reopened on a dry-run), or null
 * when the form cannot show it (a point in time, a database target, excluded collections…).
 * buildRestoreSpec of the result is the same package again, so two packages are the same exactly
 * when their values are (`sameBuilderValues`).
 */
export function builderValuesFromSpec(spec: unknown): TRestoreBuilderValues | null {
  if (!isRecord(spec) || !isRecord(spec.source) || typeof spec.source.snapshotId !== 'string') return null;
  const sel = isRecord(spec.selection) ? spec.selection : null;
  const ns = sel && isRecord(sel.namespaces) ? sel.namespaces : null;
  if (!ns || !Array.isArray(ns.include) || (Array.isArray(ns.exclude) && ns.exclude.length > 0)) return null;
  const include = ns.include.filter((n): n is string => typeof n === 'string');
  if (include.length !== ns.include.length || (include.includes('*') && include.length > 1) || include.some((n) => n !== '*' && n.includes('*'))) return null;
  if ((sel && sel.timeWindow !== undefined) || spec.restoreIndexes === true) return null;
  const ids = sel && Array.isArray(sel.documentIds) ? sel.documentIds.map(documentIdLine) : [];
  if (ids.some((l) => l === null)) return null;
  const target = isRecord(spec.target) ? spec.target : null;
  if (!target || (target.mode !== 'in-place' && target.mode !== 'side-namespace')) return null;
  const conflictPolicy = spec.conflictPolicy;
  if (conflictPolicy !== 'skip' && conflictPolicy !== 'overwrite' && conflictPolicy !== 'fail') return null;
  return {
    snapshotId: spec.source.snapshotId,
    namespaces: include.includes('*') ? [] : [...include].sort(),
    documentIds: ids.join('\n'),
    filter: sel && sel.filter !== undefined ? JSON.stringify(sel.filter, null, 2) : '',
    targetMode: target.mode,
    suffix: target.mode === 'side-namespace' && typeof target.suffix === 'string' ? target.suffix : '',
    conflictPolicy,
    deleteExtraneous: spec.deleteExtraneous === true,
  };
}

const normalValues = (tenantSlug: string, v: TRestoreBuilderValues): TRestoreBuilderValues | null => {
  const built = buildRestoreSpec(tenantSlug, v);
  return built.ok ? builderValuesFromSpec(built.spec) : null;
};

/** JSON with object keys sorted: the catalog stores packages as jsonb, which does not keep key order. */
const sortedJson = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(sortedJson).join(',')}]`
    : isRecord(v)
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${sortedJson(v[k])}`)
          .join(',')}}`
      : JSON.stringify(v);

const comparable = (tenantSlug: string, v: TRestoreBuilderValues): string | null => {
  const n = normalValues(tenantSlug, v);
  if (!n) return null;
  return sortedJson({ ...n, filter: n.filter === '' ? null : (JSON.parse(n.filter) as unknown) });
};

/** Whether the form's values make the same package as a dry-run's (compared as packages: not as typed text, not by key order). */
export function sameBuilderValues(tenantSlug: string, form: TRestoreBuilderValues, shown: TRestoreBuilderValues): boolean {
  const a = comparable(tenantSlug, form);
  return a !== null && a === comparable(tenantSlug, shown);
}
