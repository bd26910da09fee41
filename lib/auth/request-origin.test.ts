import { describe, expect, it } from 'vitest';
import { originFromHeaders } from './request-origin';

describe('originFromHeaders', () => {
  it('takes the first X-Forwarded-For hop, else X-Real-IP, and a truncated user agent', () => {
    expect(originFromHeaders(new Headers({ 'x-forwarded-for': ' 203.0.113.7 , 10.0.0.1', 'user-agent': 'Mozilla/5.0' }))).toBe('ip=203.0.113.7 ua=Mozilla/5.0');
    expect(originFromHeaders(new Headers({ 'x-real-ip': '198.51.100.9' }))).toBe('ip=198.51.100.9');
    expect(originFromHeaders(new Headers({ 'user-agent': 'x'.repeat(300) }))).toBe(`ua=${'x'.repeat(120)}`);
  });

  it('reads a plain header record too (next-auth passes Node headers to authorize)', () => {
    expect(originFromHeaders({ 'x-forwarded-for': ['192.0.2.1, 10.0.0.2'], 'user-agent': 'curl/8' })).toBe('ip=192.0.2.1 ua=curl/8');
  });

  it("says 'web' when the request names neither", () => {
    expect(originFromHeaders(new Headers())).toBe('web');
  });
});
