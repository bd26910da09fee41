import type { TAuditAction } from '../actions';

/**
 * For tests of the log itself (chain, export, append-only): a row under a `test.*` name outside
 * the vocabulary, as rows written by older versions are. Application code names its actions
 * from lib/audit/actions.ts; only tests go around the type.
 */
export const testAuditAction = (name: `test.${string}`): TAuditAction => name as TAuditAction;
