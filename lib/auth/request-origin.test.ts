import { describe, expect, it } from 'vitest';
import { clientAddress, originFromHeaders, PEER_HEADER } from './request-origin';

// PEER_HEADER is what scripts/server.mjs sets from the socket on every request (the client
// cannot choose it there); X-Forwarded-For and X-Real-IP are whatever the client or a proxy sent.
const from = (peer: string | null, extra: Record<string, string> = {}) => new Headers({ ...(peer ? { [PEER_HEADER]: peer } : {}), ...extra });

describe('clientAddress', () => {
  it('ignores X-Forwarded-For and X-Real-IP from a peer that is not a trusted proxy (the default: none)', () => {
    const forged = { 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '198.51.100.9' };
    expect(clientAddress(from('192.0.2.50', forged), '')).toBe('192.0.2.50');
    expect(clientAddress(from('192.0.2.50', forged), '10.0.0.0/8')).toBe('192.0.2.50');
  });

  it('loopback is trusted only when configured', () => {
    const h = from('127.0.0.1', { 'x-forwarded-for': '203.0.113.7' });
    expect(clientAddress(h, '')).toBe('127.0.0.1');
    expect(clientAddress(h, '127.0.0.1')).toBe('203.0.113.7');
    expect(clientAddress(from('::1', { 'x-forwarded-for': '203.0.113.7' }), 'loopback')).toBe('203.0.113.7');
  });

  it('from a trusted proxy: the right-most hop that is not itself a trusted proxy', () => {
    // The client forged the first hop; the outer proxy 10.0.0.2 appended what it saw (203.0.113.7),
    // the inner proxy 10.0.0.1 (the peer) appended 10.0.0.2.
    const h = from('10.0.0.1', { 'x-forwarded-for': '1.2.3.4, 203.0.113.7, 10.0.0.2' });
    expect(clientAddress(h, '10.0.0.0/8')).toBe('203.0.113.7');
    expect(clientAddress(h, '10.0.0.1')).toBe('10.0.0.2');
    // Every hop trusted: the left-most.
    expect(clientAddress(from('10.0.0.1', { 'x-forwarded-for': '10.0.0.9' }), '10.0.0.0/8')).toBe('10.0.0.9');
  });

  it('a hop that is not an address stops at the proxy that passed it on', () => {
    expect(clientAddress(from('10.0.0.1', { 'x-forwarded-for': 'not-an-ip' }), '10.0.0.0/8')).toBe('10.0.0.1');
  });

  it('an unknown peer (no peer header: next dev, a bare next start) believes no forwarded header', () => {
    expect(clientAddress(from(null, { 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '198.51.100.9' }), '0.0.0.0/0')).toBeNull();
    expect(clientAddress(from('garbage', { 'x-forwarded-for': '203.0.113.7' }), '0.0.0.0/0')).toBeNull();
  });
});

describe('originFromHeaders', () => {
  it('client address and a truncated user agent', () => {
    expect(originFromHeaders(from('10.0.0.1', { 'x-forwarded-for': ' 203.0.113.7 , 10.0.0.2', 'user-agent': 'Mozilla/5.0' }), '10.0.0.0/8')).toBe(
      'ip=203.0.113.7 ua=Mozilla/5.0',
    );
    expect(originFromHeaders(from('198.51.100.9', { 'x-forwarded-for': '203.0.113.7' }), '')).toBe('ip=198.51.100.9');
    expect(originFromHeaders(new Headers({ 'user-agent': 'x'.repeat(300) }), '')).toBe(`ua=${'x'.repeat(120)}`);
  });

  it('reads a plain header record too (next-auth passes Node headers to authorize)', () => {
    expect(originFromHeaders({ [PEER_HEADER]: '10.0.0.1', 'x-forwarded-for': ['192.0.2.1, 10.0.0.2'], 'user-agent': 'curl/8' }, '10.0.0.0/8')).toBe(
      'ip=192.0.2.1 ua=curl/8',
    );
  });

  it("says 'web' when the request names neither", () => {
    expect(originFromHeaders(new Headers(), '')).toBe('web');
  });

  it('reads TRUSTED_PROXIES from the environment when not given', () => {
    const before = process.env.TRUSTED_PROXIES;
    try {
      process.env.TRUSTED_PROXIES = '10.0.0.0/8';
      expect(originFromHeaders(from('10.0.0.1', { 'x-forwarded-for': '203.0.113.7' }))).toBe('ip=203.0.113.7');
      delete process.env.TRUSTED_PROXIES;
      expect(originFromHeaders(from('10.0.0.1', { 'x-forwarded-for': '203.0.113.7' }))).toBe('ip=10.0.0.1');
      process.env.TRUSTED_PROXIES = '10.0.0.0/99';
      expect(() => originFromHeaders(from('10.0.0.1'))).toThrow(/TRUSTED_PROXIES/);
    } finally {
      if (before === undefined) delete process.env.TRUSTED_PROXIES;
      else process.env.TRUSTED_PROXIES = before;
    }
  });
});
