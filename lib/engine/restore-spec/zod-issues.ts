import type { z } from 'zod';
import type { TIssue, TPathSegment } from '../filter/filter-issue';

/** zod's issues as ours; an unknown key is reported at its own path. */
export function zodIssues(error: z.ZodError): TIssue[] {
  return error.issues.flatMap((issue): TIssue[] => {
    const path = issue.path.map((p): TPathSegment => (typeof p === 'symbol' ? String(p) : p));
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key], code: 'INVALID_ARGUMENT', message: 'unknown key' }));
    }
    return [{ path, code: 'INVALID_ARGUMENT', message: issue.message }];
  });
}
