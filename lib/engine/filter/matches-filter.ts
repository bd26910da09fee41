// Evaluates a compiled filter against one decoded BSON document with MongoDB's semantics
// (array traversal, type bracketing, null-vs-missing), so the engine can select documents from a
// snapshot exactly as the server would select them from a live collection.
import type { TFilter } from './filter-ast';
import { matchesPathPredicate } from './match-path-predicate';

export function matchesFilter(filter: TFilter, doc: object): boolean {
  switch (filter.kind) {
    case 'and':
      return filter.children.every((child) => matchesFilter(child, doc));
    case 'or':
      return filter.children.some((child) => matchesFilter(child, doc));
    case 'nor':
      return !filter.children.some((child) => matchesFilter(child, doc));
    case 'path':
      return filter.predicates.every((p) => matchesPathPredicate(p, doc, filter.parts));
  }
}
