import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { EngineError, isEngineError } from '../errors/engine-error';
import { hmac } from '../keys/aead';
import type { KeyProvider } from '../ports/key-provider';
import type { ObjectStore } from '../ports/object-store';
import { FORMAT_VERSION, manifestKey } from './layout';
import { ZManifest, type TManifest } from './manifest';
import { openObject, sealObject, type TTenantRef } from './sealed-object';

// The stored plaintext is {body, mac}: `body` is the manifest JSON exactly as MAC'd (no
// canonicalisation to get wrong), `mac` = HMAC(tenant manifest-mac secret, tenantId ‖ snapshotId
// ‖ seq ‖ parent ‖ body). The object's AAD additionally binds tenant and snapshot id, and the
// cleartext head names the tenant folder, so a manifest copied from tenant B, or an old manifest
// of A renamed to a newer id, is refused before anything in it is believed.
const ZStored = z.object({ body: z.string(), mac: z.string() });

type TCtx = { tenant: TTenantRef; keys: KeyProvider; store: ObjectStore };

const macOf = (secret: Buffer, m: { tenantId: string; snapshotId: string; seq: number; parent: string | null }, body: string) =>
  hmac(secret, 'vaultline/v1/manifest', m.tenantId, m.snapshotId, String(m.seq), m.parent ?? '', body);

/** Stores the manifest (never over an existing one); returns its key and stored size. */
export async function writeManifest(ctx: TCtx, manifest: TManifest): Promise<{ key: string; size: number }> {
  const body = JSON.stringify(manifest);
  const secret = await ctx.keys.tenantSecret(ctx.tenant.tenantId, 'manifest-mac', { create: true });
  const mac = macOf(secret, manifest, body).toString('hex');
  const { bytes } = await sealObject({
    tenant: ctx.tenant,
    keys: ctx.keys,
    type: 'manifest',
    oid: manifest.snapshotId,
    codec: manifest.codec,
    plaintext: Buffer.from(JSON.stringify({ body, mac }), 'utf8'),
  });
  const key = manifestKey(ctx.tenant.tenantKey, manifest.snapshotId);
  const res = await ctx.store.put(key, bytes, { ifAbsent: true });
  if (!res.created) throw new EngineError('OBJECT_EXISTS', `snapshot ${manifest.snapshotId} already exists`, { objectKey: key });
  return { key, size: bytes.length };
}

export async function readManifest(ctx: TCtx, snapshotId: string): Promise<TManifest> {
  const objectKey = manifestKey(ctx.tenant.tenantKey, snapshotId);
  const details = { objectKey, snapshotId, tenantId: ctx.tenant.tenantId };
  let bytes: Buffer;
  try {
    bytes = await ctx.store.get(objectKey);
  } catch (err) {
    if (isEngineError(err, 'OBJECT_MISSING')) throw new EngineError('SNAPSHOT_NOT_FOUND', `no snapshot ${snapshotId}`, details);
    throw err;
  }
  const { plaintext } = await openObject({
    tenant: ctx.tenant,
    keys: ctx.keys,
    objectKey,
    bytes,
    expect: { type: 'manifest', oid: snapshotId, contentAddressed: false },
  });
  const stored = ZStored.parse(JSON.parse(plaintext.toString('utf8')));
  const loose = JSON.parse(stored.body) as Record<string, unknown>;
  if (loose.formatVersion !== FORMAT_VERSION) {
    throw new EngineError('UNKNOWN_FORMAT_VERSION', `manifest format ${String(loose.formatVersion)}, reader knows ${FORMAT_VERSION}`, details);
  }
  const parsed = ZManifest.safeParse(loose);
  if (!parsed.success) throw new EngineError('INTEGRITY_MISMATCH', `malformed manifest: ${parsed.error.message}`, details);
  const m = parsed.data;
  const secret = await ctx.keys.tenantSecret(ctx.tenant.tenantId, 'manifest-mac');
  const expected = macOf(secret, { tenantId: ctx.tenant.tenantId, snapshotId, seq: m.seq, parent: m.parent }, stored.body);
  const given = Buffer.from(stored.mac, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new EngineError('MANIFEST_MAC_INVALID', 'manifest MAC does not verify for this tenant and name', details);
  }
  if (m.tenantId !== ctx.tenant.tenantId || m.tenantKey !== ctx.tenant.tenantKey) {
    throw new EngineError('MANIFEST_TENANT_MISMATCH', `manifest belongs to tenant ${m.tenantId}`, details);
  }
  if (m.snapshotId !== snapshotId) throw new EngineError('MANIFEST_NAME_MISMATCH', `manifest is ${m.snapshotId}`, details);
  return m;
}
