import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import './globals.css';
import { Providers } from './providers';

export const metadata: Metadata = {
  title: { default: 'Vaultline', template: '%s · Vaultline' },
  description: 'Selective backup and restore for multi-tenant MongoDB data',
  icons: { icon: '/favicon.svg' },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, so proxy.ts's CSP nonce reaches Next.js's inline scripts
  // (a prerendered page would carry scripts without it and be blocked).
  await connection();
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
