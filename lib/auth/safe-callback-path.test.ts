import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './safe-callback-path';

const ORIGIN = 'http://127.0.0.1:3000';

describe('safeCallbackPath', () => {
  it.each([
    ['/\\evil.example'],
    ['/\\evil.example/x'],
    ['\\\\evil.example'],
    ['/%5Cevil'.replace('%5C', '\\')], // what Next hands over after decoding ?callbackUrl=/%5Cevil
    ['\t/evil.example'],
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['/\r/evil.example'],
    ['%09/evil'],
    ['//evil.example'],
    ['//evil.example/x?y=1'],
    ['///evil.example'],
    ['/..//evil.example'],
    ['https://evil.example'],
    ['http://127.0.0.1:3000.evil.example/x'],
    ['http://127.0.0.1:3000@evil.example/x'],
    ['https://127.0.0.1:3000/x'],
    ['javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['evil.example'],
    ['ok/relative'],
    [''],
    [`/${'a'.repeat(3000)}`],
    [undefined],
    [null],
    [42],
  ])('rejects %j', (value) => {
    expect(safeCallbackPath(value)).toBeNull();
    expect(safeCallbackPath(value, ORIGIN)).toBeNull();
  });

  it.each([
    ['/', '/'],
    ['/ok/path?x=1', '/ok/path?x=1'],
    ['/t/acme/snapshots?from=2026-01-01#latest', '/t/acme/snapshots?from=2026-01-01#latest'],
    ['/t/acme/../globex', '/t/globex'],
    ['/%5Cevil', '/%5Cevil'], // still percent-encoded: a path segment, not a separator
  ])('accepts %j as %j', (value, path) => {
    expect(safeCallbackPath(value)).toBe(path);
    expect(safeCallbackPath(value, ORIGIN)).toBe(path);
  });

  it('accepts an absolute URL only on the given origin, as a path', () => {
    expect(safeCallbackPath(`${ORIGIN}/t/acme?x=1`, ORIGIN)).toBe('/t/acme?x=1');
    expect(safeCallbackPath(`${ORIGIN}/t/acme`)).toBeNull();
    expect(safeCallbackPath(`${ORIGIN}//evil.example`, ORIGIN)).toBeNull();
  });

  it('takes the first value of a repeated query parameter', () => {
    expect(safeCallbackPath(['/a', '//evil.example'])).toBe('/a');
    expect(safeCallbackPath(['//evil.example', '/a'])).toBeNull();
  });
});
