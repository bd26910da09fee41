import { describe, expect, it } from 'vitest';
import { originFromHeaders } from './request-origin';

describe('originFromHeaders', () => {
  it('takes the first X-Forwarded-For hop, else X-Real-IP, and a truncated user agent', () => {
    expect(originFromHeaders(new Headers({ 'x-forwarded-for': ' 203.0.113.7 , 10.0.0.1', 'user-agent': 'Mozilla/5.0' }))).toBe('ip=203.0.113.7 ua=Mozilla/5.0');
    expect(originFromHeaders(new Headers({ 'x-real-ip': '198.51.100.9' }))).toBe('ip=198.51.100.9');
    expect(originFromHeaders(new Headers({ 'user-agent': 'x'.repeat(300) }))).toBe(`ua=${'x'.repeat(120)}`);
  });

  it("says 'web' when the request names neither", () => {
    expect(originFromHeaders(new Headers())).toBe('web');
  });
});
