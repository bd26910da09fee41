// Hard limits for filters. They bound the work a filter can cost us (compile, evaluation against
// every document of a selection) and the server (the same filter is sent with `find`), so a
// restore package can never be a denial-of-service vector.
export const FILTER_LIMITS = {
  /** nesting of objects and arrays, counted across operators and literal values */
  maxDepth: 16,
  /** every value visited while compiling counts as one node */
  maxNodes: 5_000,
  /** elements of $in / $nin / $all and of literal arrays */
  maxArrayLength: 1_000,
  /** branches of $and / $or / $nor */
  maxBranches: 100,
  /** keys of one object (query level or literal) */
  maxKeys: 100,
  maxPathLength: 256,
  maxPathParts: 32,
  maxStringLength: 16 * 1024,
  maxRegexLength: 256,
  /** counted repetition `{n,m}`: larger bounds blow up the matcher program */
  maxRegexRepeat: 100,
  /** unbounded quantifiers (* + {n,}) per pattern: each one multiplies backtracking on the server */
  maxRegexUnbounded: 3,
  maxRegexProgram: 4_000,
  /** problems reported before we stop collecting */
  maxIssues: 50,
} as const;

/** Keys that would touch an object's prototype chain when materialised by naive code. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
