import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';

// TOTP for platform roles (RFC 6238 through otplib: SHA-1, 6 digits, 30 s, one period of drift
// either way). Secrets are stored AES-256-GCM encrypted under a key derived (HKDF) from
// NEXTAUTH_SECRET, so a catalog dump alone does not yield them. A code is accepted once: the
// time step it matched is stored and a code of that step or an earlier one is refused (replay).

export const TOTP_PERIOD = 30;
const ISSUER = 'Vaultline';

function key(): Buffer {
  const secret = env().NEXTAUTH_SECRET;
  if (!secret) throw new AppError('SERVICE_UNAVAILABLE', 'TOTP needs NEXTAUTH_SECRET to be set.');
  return Buffer.from(hkdfSync('sha256', secret, 'vaultline', 'vaultline/totp-secret/v1', 32));
}

export function sealTotpSecret(secret: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key(), iv);
  const ct = Buffer.concat([c.update(secret, 'utf8'), c.final()]);
  return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

export function openTotpSecret(sealed: string): string {
  const [v, iv, tag, ct] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || !ct) throw new AppError('SERVICE_UNAVAILABLE', 'The stored TOTP secret is unreadable.');
  const d = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
  d.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
}

export function newTotpSecret(accountName: string): { secret: string; uri: string } {
  const secret = generateSecret();
  return { secret, uri: generateURI({ issuer: ISSUER, label: accountName, secret }) };
}

export type TTotpCheck = { ok: true; step: number } | { ok: false; reason: 'wrong' | 'replayed' };

/** Checks a 6-digit code against the secret; `lastStep` = the step of the last accepted code. */
export async function checkTotpCode(secret: string, code: string, lastStep: number | null, now: Date = new Date()): Promise<TTotpCheck> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return { ok: false, reason: 'wrong' };
  const epoch = Math.floor(now.getTime() / 1000);
  const res = await verify({ secret, token, epochTolerance: TOTP_PERIOD, epoch });
  if (!res.valid) return { ok: false, reason: 'wrong' };
  // delta: periods between the matching code's and the current one (clock drift)
  const step = Math.floor(epoch / TOTP_PERIOD) + res.delta;
  if (lastStep !== null && step <= lastStep) return { ok: false, reason: 'replayed' };
  return { ok: true, step };
}
