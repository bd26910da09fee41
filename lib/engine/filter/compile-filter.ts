// compileFilter: untrusted JSON (a MongoDB query document) -> a validated TFilter, or an
// EngineError listing every problem with its JSON path. Only the safe subset in README.md is
// accepted; anything else, at any depth, is refused by name.
import type { EngineError } from '../errors/engine-error';
import { newCompileContext, report } from './compile-context';
import { compileQuery } from './compile-query';
import type { TFilter } from './filter-ast';
import { issuesToError, type TIssue, type TPathSegment } from './filter-issue';

export type TCompileFilterResult = { ok: true; filter: TFilter } | { ok: false; error: EngineError; issues: readonly TIssue[] };

export type TCompileFilterOptions = {
  /** where the filter sits in a larger document, e.g. ['selection', 'filter'], for issue paths */
  pathPrefix?: readonly TPathSegment[];
};

export function compileFilter(raw: unknown, options: TCompileFilterOptions = {}): TCompileFilterResult {
  const ctx = newCompileContext();
  const filter = compileQuery(raw, [...(options.pathPrefix ?? [])], 0, ctx);
  if (ctx.issues.length > 0 || filter === undefined) {
    if (ctx.issues.length === 0) report(ctx, options.pathPrefix ?? [], 'invalid filter');
    return { ok: false, issues: ctx.issues, error: issuesToError('filter', ctx.issues) };
  }
  return { ok: true, filter };
}
