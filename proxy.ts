import { NextResponse, type NextRequest } from 'next/server';

// A convenience, not a security boundary: visitors with no session cookie at all are sent to
// the sign-in page with the path they asked for. Every page, action and route handler still
// authenticates and authorizes on its own (lib/auth, lib/<domain>).
const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

export function proxy(request: NextRequest) {
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const url = request.nextUrl.clone();
  const callbackUrl = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  url.pathname = '/sign-in';
  url.search = `?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ['/t/:path*', '/approvals/:path*', '/support/:path*', '/admin/:path*'],
};
