// The Content-Security-Policy of every page (set per request by proxy.ts, with a fresh nonce).
// Scripts: only this origin's bundles and inline scripts carrying the nonce (Next.js adds it to
// its own scripts when it finds the nonce in the request's CSP header; 'strict-dynamic' lets
// those load the chunks they import). Styles allow inline style attributes (React's server-
// rendered `style=""`, progress bars, charts); a nonce there would disable 'unsafe-inline'.
// Nothing may frame the portal, and forms and <base> stay on this origin.

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, opts: { isDev?: boolean; isHttps?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.isDev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.isHttps ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}
