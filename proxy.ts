import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, newNonce } from '@/lib/security/content-security-policy';

// Three jobs, for page requests only (API routes, static assets and prefetches are excluded by the
// matcher; their headers come from next.config.js):
// 1. Every page gets a Content-Security-Policy with a fresh nonce. Next.js reads the nonce from
//    the request's CSP header and puts it on its own scripts (the pages render dynamically:
//    app/layout.tsx awaits connection()).
// 2. A convenience, not a security boundary: visitors with no session cookie at all are sent to
//    the sign-in page with the path they asked for. Every page, action and route handler still
//    authenticates and authorizes on its own (lib/auth, lib/<domain>).
// 3. Server-action POSTs over the body limit get a clear 413 (below).
const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];
const SIGNED_IN_AREAS = ['/t', '/approvals', '/support', '/admin'];

const isSignedInArea = (pathname: string) => SIGNED_IN_AREAS.some((p) => pathname === p || pathname.startsWith(`${p}/`));

// Server actions over this size are refused by Next.js with an unhelpful 500; answer a clear
// 413 before the body is read. Keep equal to next.config.js experimental.serverActions.bodySizeLimit.
const ACTION_BODY_LIMIT = 1024 * 1024;

function isOversizedAction(request: NextRequest): boolean {
  if (request.method !== 'POST' || !request.headers.has('next-action')) return false;
  return Number(request.headers.get('content-length') ?? 0) > ACTION_BODY_LIMIT;
}

export function proxy(request: NextRequest) {
  if (isOversizedAction(request)) {
    return NextResponse.json(
      { error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request is larger than 1 MB. Send a smaller package (fewer document ids, a shorter filter).' } },
      { status: 413, headers: { 'cache-control': 'no-store' } },
    );
  }
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { isDev: process.env.NODE_ENV === 'development', isHttps: request.nextUrl.protocol === 'https:' });
  if (isSignedInArea(request.nextUrl.pathname) && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const url = request.nextUrl.clone();
    const callbackUrl = `${request.nextUrl.pathname}${request.nextUrl.search}`;
    url.pathname = '/sign-in';
    url.search = `?callbackUrl=${encodeURIComponent(callbackUrl)}`;
    const res = NextResponse.redirect(url);
    res.headers.set('Content-Security-Policy', csp);
    return res;
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set('Content-Security-Policy', csp);
  return res;
}

export const config = {
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|favicon|robots\\.txt).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
