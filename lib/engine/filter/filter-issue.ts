// A problem found while validating user input, located by a JSON path so the UI can point at it.
import { EngineError } from '../errors/engine-error';

export type TIssueCode = 'INVALID_ARGUMENT' | 'TENANT_SCOPE_VIOLATION';
export type TPathSegment = string | number;

export type TIssue = {
  path: readonly TPathSegment[];
  code: TIssueCode;
  message: string;
};

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$.selection.filter["a.b"].$gt`, `$.selection.documentIds[3]` */
export function formatIssuePath(path: readonly TPathSegment[]): string {
  let out = '$';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg)) out += `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/**
 * One EngineError carrying every issue. The code is TENANT_SCOPE_VIOLATION when any issue is one
 * (callers treat that as a security event), else INVALID_ARGUMENT.
 */
export function issuesToError(what: string, issues: readonly TIssue[]): EngineError {
  const code = issues.some((i) => i.code === 'TENANT_SCOPE_VIOLATION') ? 'TENANT_SCOPE_VIOLATION' : 'INVALID_ARGUMENT';
  const listed = issues.map((i) => `${formatIssuePath(i.path)}: ${i.message}`);
  const noun = issues.length === 1 ? 'problem' : 'problems';
  return new EngineError(code, `${what} rejected (${issues.length} ${noun}): ${listed.join('; ')}`, {
    issues: issues.map((i) => ({ path: formatIssuePath(i.path), code: i.code, message: i.message })),
  });
}
