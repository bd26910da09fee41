import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { EngineError } from '../errors/engine-error';

// Compression codecs, recorded per object so a repository can mix them (e.g. written by a host
// where the zstd binding did not install, read by one where it did, or the other way round).
export const CODECS = ['zstd', 'gzip', 'brotli', 'none'] as const;
export type TCodec = (typeof CODECS)[number];

type TZstd = { compress(data: Buffer, level?: number): Promise<Buffer>; decompress(data: Buffer): Promise<Buffer> };

// `mongodb-js-zstd` is @mongodb-js/zstd 1.2.2 under an npm alias: the driver declares an optional
// peer on @mongodb-js/zstd ^7, whose install needs a download that fails offline, while 1.2.2
// ships prebuilt napi binaries as per-platform packages. Loaded lazily so a host without it
// falls back to brotli instead of failing to start.
let zstd: Promise<TZstd | null> | undefined;
function loadZstd(): Promise<TZstd | null> {
  zstd ??= import('mongodb-js-zstd').then(
    (m) => ((m as { default?: TZstd }).default ?? m) as TZstd,
    () => null,
  );
  return zstd;
}

export async function isZstdAvailable(): Promise<boolean> {
  return (await loadZstd()) !== null;
}

/** zstd when its binding loads here, else brotli quality 1 (fastest node:zlib codec measured). */
export async function defaultCodec(): Promise<TCodec> {
  return (await isZstdAvailable()) ? 'zstd' : 'brotli';
}

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);
const brotli = promisify(zlib.brotliCompress);
const unbrotli = promisify(zlib.brotliDecompress);

export async function compress(codec: TCodec, data: Buffer): Promise<Buffer> {
  switch (codec) {
    case 'zstd': {
      const z = await loadZstd();
      if (!z) throw new EngineError('INVALID_ARGUMENT', 'zstd codec requested but its binding is not installed');
      return z.compress(data, 3);
    }
    case 'gzip':
      return gzip(data, { level: 1 });
    case 'brotli':
      return brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } });
    case 'none':
      return data;
  }
}

/** `expectedLength` guards against decompression bombs and silent truncation. */
export async function decompress(codec: TCodec, data: Buffer, expectedLength: number): Promise<Buffer> {
  let out: Buffer;
  switch (codec) {
    case 'zstd': {
      const z = await loadZstd();
      if (!z) throw new EngineError('UNKNOWN_FORMAT_VERSION', 'object uses zstd but the zstd binding is not installed here');
      out = await z.decompress(data);
      break;
    }
    case 'gzip':
      out = await gunzip(data, { maxOutputLength: expectedLength + 1 });
      break;
    case 'brotli':
      out = await unbrotli(data, { maxOutputLength: expectedLength + 1 });
      break;
    case 'none':
      out = data;
      break;
  }
  if (out.length !== expectedLength) {
    throw new EngineError('INTEGRITY_MISMATCH', `decompressed ${out.length} bytes, expected ${expectedLength}`);
  }
  return out;
}
