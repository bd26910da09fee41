// The compiled, validated form of a filter. Only `compileFilter` builds these (plus the small
// combinators in this folder), so every consumer may assume the invariants in README.md.
import type { Binary, Decimal128, Double, Int32, Long, ObjectId } from 'mongodb';
import type { TBsonTypeName } from './bson-type';
import type { TRegexProgram } from './regex/regex-program';

export type TFilterLiteral =
  | null
  | boolean
  | number
  | string
  | Date
  | ObjectId
  | Decimal128
  | Long
  | Int32
  | Double
  | Binary
  | readonly TFilterLiteral[]
  | { readonly [key: string]: TFilterLiteral };

export type TComparisonOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte';

export type TElemMatch =
  /** `{$elemMatch: {b: 1}}`: some element is a document (or array) matching a sub-filter */
  | { form: 'document'; filter: TFilter }
  /** `{$elemMatch: {$gt: 1, $lt: 5}}`: some single element satisfies every predicate */
  | { form: 'value'; predicates: readonly TValuePredicate[] };

export type TValuePredicate =
  | { op: TComparisonOp; value: TFilterLiteral }
  | { op: 'in' | 'nin'; values: readonly TFilterLiteral[] }
  | { op: 'exists'; exists: boolean }
  | { op: 'type'; types: readonly TBsonTypeName[] }
  | { op: 'regex'; source: string; options: string; program: TRegexProgram }
  | { op: 'size'; size: number }
  | { op: 'all'; values: readonly TFilterLiteral[] }
  | { op: 'allElemMatch'; items: readonly TElemMatch[] }
  | { op: 'elemMatch'; match: TElemMatch }
  | { op: 'not'; predicates: readonly TValuePredicate[] };

export type TFilter =
  /** `and` with no children matches every document (the empty filter `{}`) */
  | { kind: 'and' | 'or' | 'nor'; children: readonly TFilter[] }
  /** all predicates must hold for the value(s) at `path` (`parts` = path split on dots) */
  | { kind: 'path'; path: string; parts: readonly string[]; predicates: readonly TValuePredicate[] };

export const MATCH_ALL: TFilter = Object.freeze({ kind: 'and', children: Object.freeze([]) as readonly TFilter[] });
