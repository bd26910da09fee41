// Bookkeeping shared by the filter compiler's parts: the issues found so far and the budget of
// nodes, so a hostile input costs bounded work and yields every problem in one pass.
import type { TIssue, TIssueCode, TPathSegment } from './filter-issue';
import { FILTER_LIMITS } from './limits';

export type TCompileContext = {
  issues: TIssue[];
  nodes: number;
  /** set when the node budget ran out: stop walking, one issue says why */
  exhausted: boolean;
};

export function newCompileContext(): TCompileContext {
  return { issues: [], nodes: 0, exhausted: false };
}

export function report(ctx: TCompileContext, path: readonly TPathSegment[], message: string, code: TIssueCode = 'INVALID_ARGUMENT'): void {
  if (ctx.issues.length < FILTER_LIMITS.maxIssues) ctx.issues.push({ path: [...path], code, message });
}

/** Counts one node at `depth`; false (with an issue) when the walk must not descend further. */
export function visit(ctx: TCompileContext, path: readonly TPathSegment[], depth: number): boolean {
  if (ctx.exhausted) return false;
  if (++ctx.nodes > FILTER_LIMITS.maxNodes) {
    ctx.exhausted = true;
    report(ctx, path, `filter larger than ${FILTER_LIMITS.maxNodes} values`);
    return false;
  }
  if (depth > FILTER_LIMITS.maxDepth) {
    report(ctx, path, `nested deeper than ${FILTER_LIMITS.maxDepth} levels`);
    return false;
  }
  return true;
}
