import type { ReactNode } from 'react';
import type { TBuilderField, TBuilderIssue } from '@/lib/restores/restore-builder-input';

// The restore builder's field helpers: errors under a field, a fieldset with its hint, and the
// action's field errors mapped back onto the builder's fields.

export function FieldErrors({ id, issues }: { id: string; issues: TBuilderIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul id={id} role="alert" className="mt-1 space-y-0.5 text-sm text-red-700">
      {issues.map((i, n) => (
        <li key={n}>
          <span className="font-mono text-xs text-red-500">{i.path}</span> {i.message}
        </li>
      ))}
    </ul>
  );
}

const FIELD_OF_INPUT: Record<string, TBuilderField> = { targetMode: 'target', suffix: 'target', deleteExtraneous: 'conflictPolicy' };
const BUILDER_FIELDS: readonly string[] = ['snapshotId', 'namespaces', 'documentIds', 'filter', 'target', 'conflictPolicy', 'form'];

/** The action's field errors (one line per problem, `path: message` for the package's) as issues by builder field. */
export function issuesOfFieldErrors(fieldErrors: Record<string, string> | undefined): TBuilderIssue[] {
  return Object.entries(fieldErrors ?? {}).flatMap(([key, text]) => {
    const field = FIELD_OF_INPUT[key] ?? (BUILDER_FIELDS.includes(key) ? (key as TBuilderField) : 'form');
    return text.split('\n').map((line) => {
      const m = /^(\S+): ([\s\S]*)$/.exec(line);
      return { field, path: m ? m[1]! : key, message: m ? m[2]! : line };
    });
  });
}

export function Fieldset({ legend, hint, children }: { legend: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-semibold text-slate-800">{legend}</legend>
      {hint ? <p className="text-xs text-slate-500">{hint}</p> : null}
      {children}
    </fieldset>
  );
}
