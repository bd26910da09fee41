import 'server-only';
import { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { env } from '@/lib/env';

// Sign-in throttling (rate-limiter-flexible on the catalog Postgres, table sign_in_throttle).
// Failed credential sign-ins are counted per account (the normalised email, known or not, so the
// answer does not tell whether an account exists) and per client address
// (lib/auth/request-origin.ts). The ACCOUNT_POINTS-th failure within WINDOW blocks the account,
// the ADDRESS_POINTS-th the address; a blocked key is refused before the password is checked.
// Blocks back off exponentially: BASE_BLOCK, then twice as long for each further block of the
// same key within a day, capped at MAX_BLOCK. A successful sign-in clears the account's
// counter and back-off (never the address's: one good account must not unlock guessing at
// others from the same address). While a key is blocked, one audit row is written for it
// (auditGate), not one per refused attempt.

export const ACCOUNT_POINTS = 5;
export const ADDRESS_POINTS = 20;
export const WINDOW_SECONDS = 15 * 60;
export const BASE_BLOCK_SECONDS = 15 * 60;
export const MAX_BLOCK_SECONDS = 24 * 3600;
const BLOCK_MEMORY_SECONDS = 24 * 3600;

export type TThrottleScope = 'account' | 'address';
export type TThrottleKeys = { email: string | null; address: string | null };
export type TThrottled = { scope: TThrottleScope; retryAfterMs: number; firstRefusal: boolean };

type TLimiters = Record<TThrottleScope, RateLimiterPostgres> & { blocks: RateLimiterPostgres; auditGate: RateLimiterPostgres };

const g = globalThis as typeof globalThis & { __vaultlineThrottle?: { pool: Pool; limiters: TLimiters } };

function limiters(): TLimiters {
  if (g.__vaultlineThrottle) return g.__vaultlineThrottle.limiters;
  const url = env().DATABASE_URL;
  const schemaName = new URL(url).searchParams.get('schema') ?? undefined;
  const pool = new Pool({ connectionString: url, max: 3 });
  const make = (keyPrefix: string, points: number, duration: number) =>
    new RateLimiterPostgres({
      storeClient: pool,
      tableName: 'sign_in_throttle',
      schemaName,
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix,
      points,
      duration,
    });
  const made: TLimiters = {
    account: make('acct', ACCOUNT_POINTS, WINDOW_SECONDS),
    address: make('addr', ADDRESS_POINTS, WINDOW_SECONDS),
    blocks: make('blocks', 1000, BLOCK_MEMORY_SECONDS),
    auditGate: make('audit', 1, BASE_BLOCK_SECONDS),
  };
  g.__vaultlineThrottle = { pool, limiters: made };
  return made;
}

function keysOf(keys: TThrottleKeys): [TThrottleScope, string][] {
  const out: [TThrottleScope, string][] = [];
  if (keys.email) out.push(['account', keys.email]);
  if (keys.address) out.push(['address', keys.address]);
  return out;
}

const isBlocked = (scope: TThrottleScope, res: RateLimiterRes | null) =>
  Boolean(res && res.consumedPoints >= (scope === 'account' ? ACCOUNT_POINTS : ADDRESS_POINTS));

/** Before the password is checked: the first blocked key (account first), or null. */
export async function checkSignInThrottle(keys: TThrottleKeys): Promise<TThrottled | null> {
  const l = limiters();
  for (const [scope, key] of keysOf(keys)) {
    const res = await l[scope].get(key);
    if (!isBlocked(scope, res)) continue;
    const retryAfterMs = Math.max(res!.msBeforeNext, 1000);
    // One audit row per block of a key: the gate lets one through for as long as the block lasts.
    const firstRefusal = await l.auditGate.consume(`${scope}:${key}`, 1, { customDuration: Math.ceil(retryAfterMs / 1000) }).then(
      () => true,
      (e: unknown) => {
        if (e instanceof RateLimiterRes) return false;
        throw e;
      },
    );
    return { scope, retryAfterMs, firstRefusal };
  }
  return null;
}

/** A failed sign-in: counts against the account and the address; returns the blocks it started. */
export async function recordSignInFailure(keys: TThrottleKeys): Promise<{ scope: TThrottleScope; blockSeconds: number }[]> {
  const l = limiters();
  const started: { scope: TThrottleScope; blockSeconds: number }[] = [];
  for (const [scope, key] of keysOf(keys)) {
    const res = await l[scope].consume(key).catch((e: unknown) => {
      if (e instanceof RateLimiterRes) return e;
      throw e;
    });
    if (!isBlocked(scope, res)) continue;
    const n = (await l.blocks.consume(`${scope}:${key}`)).consumedPoints;
    const blockSeconds = Math.min(BASE_BLOCK_SECONDS * 2 ** (n - 1), MAX_BLOCK_SECONDS);
    await l[scope].block(key, blockSeconds);
    started.push({ scope, blockSeconds });
  }
  return started;
}

/** A successful sign-in clears the account's failures and back-off. */
export async function clearAccountThrottle(email: string): Promise<void> {
  const l = limiters();
  await l.account.delete(email);
  await l.blocks.delete(`account:${email}`);
  await l.auditGate.delete(`account:${email}`);
}

export const retryAfterMinutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));
