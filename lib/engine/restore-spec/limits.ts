// Limits for restore packages: a package is small, declarative JSON written by a person (or the
// portal's builder), so anything bigger or deeper is refused before it costs us anything.
export const RESTORE_SPEC_LIMITS = {
  /** UTF-8 bytes of the JSON text */
  maxRawBytes: 64 * 1024,
  /** nesting of objects and arrays in the whole package (the filter has its own, smaller limit) */
  maxJsonDepth: 32,
  maxDocumentIds: 1_000,
  maxNamespacePatterns: 100,
  maxReasonLength: 2_000,
} as const;
