import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { EngineError, isEngineError } from '../errors/engine-error';
import { tenantRoot } from '../format/layout';
import { hmac } from '../keys/aead';
import type { TRepository } from '../repo/repository';

// GC's memory between runs: every unreferenced object with the time a run first saw it as garbage.
// One new object per run, `tenants/<t>/gc/<runId>` (runId = `<UTC ms stamp>-<8 hex>`, so keys sort
// by time), written with put(ifAbsent) — never overwritten; older state objects are deleted after
// the sweep. The newest state whose MAC verifies wins; a missing, unreadable or forged state only
// makes candidates start their grace period again (it can delay a deletion, never cause one: a
// deletion also needs the current run's mark phase to find the object unreferenced).
//
// Stored as JSON `{body, mac}`, mac = HMAC(tenant manifest-mac secret, "vaultline/v1/gc-state" ‖
// tenantId ‖ runId ‖ body) — domain-separated from manifest MACs by the label. Not encrypted: it
// holds only object keys (content hashes, snapshot ids), sizes and times, no tenant data.

export const gcStatePrefix = (tenantKey: string) => `${tenantRoot(tenantKey)}gc/`;
export const gcStateKey = (tenantKey: string, runId: string) => `${gcStatePrefix(tenantKey)}${runId}`;
export const GC_RUN_ID_RE = /^\d{8}T\d{9}Z-[0-9a-f]{8}$/;

export function newGcRunId(at: Date, random: string): string {
  return `${at.toISOString().replace(/[-:.]/g, '')}-${random.slice(0, 8)}`;
}

const ZBody = z.strictObject({
  v: z.literal(1),
  kind: z.literal('gc-state'),
  tenantId: z.string(),
  tenantKey: z.string(),
  runId: z.string(),
  createdAt: z.string(),
  /** [object key, size, first seen as garbage (epoch ms)] */
  candidates: z.array(z.tuple([z.string(), z.number().int().nonnegative(), z.number().int()])),
});
const ZStored = z.strictObject({ body: z.string(), mac: z.string() });

export type TGcCandidate = { key: string; size: number; firstSeenAt: number };
export type TGcState = { runId: string; key: string; createdAt: string; candidates: Map<string, TGcCandidate> };

const macOf = (secret: Buffer, tenantId: string, runId: string, body: string) => hmac(secret, 'vaultline/v1/gc-state', tenantId, runId, body);

export async function writeGcState(repo: TRepository, runId: string, at: Date, candidates: Iterable<TGcCandidate>): Promise<string> {
  const { tenantId, tenantKey } = repo.tenant;
  const body = JSON.stringify({
    v: 1,
    kind: 'gc-state',
    tenantId,
    tenantKey,
    runId,
    createdAt: at.toISOString(),
    candidates: [...candidates].map((c) => [c.key, c.size, c.firstSeenAt]),
  });
  const secret = await repo.keys.tenantSecret(tenantId, 'manifest-mac');
  const key = gcStateKey(tenantKey, runId);
  const bytes = Buffer.from(JSON.stringify({ body, mac: macOf(secret, tenantId, runId, body).toString('hex') }), 'utf8');
  const res = await repo.store.put(key, bytes, { ifAbsent: true });
  if (!res.created) throw new EngineError('OBJECT_EXISTS', `GC state ${runId} already exists`, { objectKey: key });
  return key;
}

/** The state stored under `key`, or null when it is missing, malformed, foreign or forged. */
export async function readGcState(repo: TRepository, key: string): Promise<TGcState | null> {
  const runId = key.slice(gcStatePrefix(repo.tenant.tenantKey).length);
  if (!GC_RUN_ID_RE.test(runId)) return null;
  let bytes: Buffer;
  try {
    bytes = await repo.store.get(key);
  } catch (err) {
    if (isEngineError(err, 'OBJECT_MISSING')) return null;
    throw err;
  }
  let stored: z.infer<typeof ZStored>;
  let body: z.infer<typeof ZBody>;
  try {
    stored = ZStored.parse(JSON.parse(bytes.toString('utf8')));
    body = ZBody.parse(JSON.parse(stored.body));
  } catch {
    return null;
  }
  const secret = await repo.keys.tenantSecret(repo.tenant.tenantId, 'manifest-mac');
  const expected = macOf(secret, repo.tenant.tenantId, runId, stored.body);
  const given = Buffer.from(stored.mac, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (body.runId !== runId || body.tenantId !== repo.tenant.tenantId || body.tenantKey !== repo.tenant.tenantKey) return null;
  const candidates = new Map<string, TGcCandidate>(body.candidates.map(([k, size, firstSeenAt]) => [k, { key: k, size, firstSeenAt }]));
  return { runId, key, createdAt: body.createdAt, candidates };
}

/** The newest valid state among `keys` (state object keys of this tenant), or null. */
export async function latestGcState(repo: TRepository, keys: readonly string[]): Promise<TGcState | null> {
  for (const key of [...keys].sort().reverse()) {
    const state = await readGcState(repo, key);
    if (state) return state;
  }
  return null;
}
