// The vocabulary is closed and complete: every name has a plain-words label, every name is
// written by some code (no dead names), and old stored names still read as words.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_AUDIT_ACTIONS, AUDIT_ACTION_LABELS, AUDIT_ACTIONS, describeAuditAction, REQUEST_AUDIT } from './actions';

const ROOT = path.resolve(__dirname, '../..');
const source = ['app', 'lib']
  .flatMap((dir) => (readdirSync(path.join(ROOT, dir), { recursive: true }) as string[]).map((f) => path.join(dir, f)))
  .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.includes('generated') && f !== path.join('lib', 'audit', 'actions.ts'))
  .map((f) => readFileSync(path.join(ROOT, f), 'utf8'))
  .join('\n');

describe('the audit vocabulary', () => {
  it('labels every name in plain words', () => {
    expect(ALL_AUDIT_ACTIONS.length).toBe(Object.keys(AUDIT_ACTIONS).length + Object.keys(REQUEST_AUDIT).length);
    for (const name of ALL_AUDIT_ACTIONS) expect(AUDIT_ACTION_LABELS[name], name).toMatch(/^[A-Z][a-z-]+( [a-z-]+)*$/);
    expect(describeAuditAction('restore.request.queue')).toBe('Restore queued');
  });

  it('has no name that no code writes', () => {
    const unused = [
      ...Object.keys(AUDIT_ACTIONS).filter((k) => !source.includes(`AUDIT_ACTIONS.${k}`)),
      ...Object.keys(REQUEST_AUDIT).filter((k) => !source.includes(`REQUEST_AUDIT.${k}`)),
    ];
    expect(unused).toEqual([]);
  });

  it('still describes names that are no longer in it (stored rows are kept)', () => {
    expect(describeAuditAction('restore.requested')).toBe('Restore requested');
    expect(describeAuditAction('key.created')).toBe('Key created');
    expect(describeAuditAction('')).toBe('Unknown action');
  });
});
