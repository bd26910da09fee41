import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectRetentionCommand,
  PutObjectRetentionCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import { EngineError } from '../errors/engine-error';
import { assertValidKey, type ObjectStore, type TObjectBody, type TObjectRetention, type TStorageClass } from '../ports/object-store';
import { mapS3Error } from './s3-errors';

export type TS3StoreConfig = {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Optional key prefix inside the bucket (no leading/trailing slash). */
  prefix?: string;
  /** Bodies larger than this (or streamed) go through multipart upload. Default 8 MiB. */
  partSize?: number;
  /** Parts uploaded concurrently; memory bound is queueSize × partSize. Default 2. */
  queueSize?: number;
  pageSize?: number;
  /** The S3 storage class `cold` maps to (default STANDARD_IA: cheaper, read at once without a restore). */
  coldStorageClass?: 'STANDARD_IA' | 'ONEZONE_IA' | 'GLACIER_IR' | 'INTELLIGENT_TIERING';
  client?: S3Client;
};

export function createS3Client(config: TS3StoreConfig): S3Client {
  return new S3Client({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    forcePathStyle: true,
    // S3-compatible servers differ in checksum support; the repository format verifies itself.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(config.accessKeyId && config.secretAccessKey ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } } : {}),
  });
}

export function createS3ObjectStore(config: TS3StoreConfig): ObjectStore {
  const client = config.client ?? createS3Client(config);
  const Bucket = config.bucket;
  const base = config.prefix ? `${config.prefix}/` : '';
  const partSize = Math.max(config.partSize ?? 8 * 1024 * 1024, 5 * 1024 * 1024);
  const full = (key: string) => {
    assertValidKey(key);
    return base + key;
  };

  async function head(key: string) {
    try {
      const res = await client.send(new HeadObjectCommand({ Bucket, Key: full(key) }));
      return { key, size: res.ContentLength ?? 0 };
    } catch (err) {
      const mapped = mapS3Error(err, key);
      if (mapped.code === 'OBJECT_MISSING') return null;
      throw mapped;
    }
  }

  async function headClass(key: string): Promise<TStorageClass | null> {
    try {
      const res = await client.send(new HeadObjectCommand({ Bucket, Key: full(key) }));
      return !res.StorageClass || res.StorageClass === 'STANDARD' ? 'hot' : 'cold';
    } catch (err) {
      const mapped = mapS3Error(err, key);
      if (mapped.code === 'OBJECT_MISSING') return null;
      throw mapped;
    }
  }

  async function retentionOf(key: string): Promise<TObjectRetention | null> {
    try {
      const res = await client.send(new GetObjectRetentionCommand({ Bucket, Key: full(key) }));
      const r = res.Retention;
      if (!r?.RetainUntilDate || !r.Mode) return null;
      return { mode: r.Mode === 'COMPLIANCE' ? 'compliance' : 'governance', until: new Date(r.RetainUntilDate) };
    } catch (err) {
      // No retention on the object: NoSuchObjectLockConfiguration (versitygw answers it with a 400).
      if ((err as { name?: string }).name === 'NoSuchObjectLockConfiguration' && (await head(key))) return null;
      throw mapS3Error(err, key);
    }
  }

  async function getBytes(key: string, range?: string): Promise<Buffer> {
    try {
      const res = await client.send(new GetObjectCommand({ Bucket, Key: full(key), ...(range ? { Range: range } : {}) }));
      if (!res.Body) return Buffer.alloc(0);
      return Buffer.from(await res.Body.transformToByteArray());
    } catch (err) {
      throw mapS3Error(err, key);
    }
  }

  return {
    label: `s3:${Bucket}${base ? `/${base}` : ''}`,
    async put(key, body, options) {
      const Key = full(key);
      // Check-then-put: servers that honour If-None-Match close the race; content-addressed
      // objects make the remaining window harmless (both writers store the same bytes).
      if (options?.ifAbsent) {
        const existing = await head(key);
        if (existing) return { created: false, size: existing.size };
      }
      try {
        if (body instanceof Uint8Array && body.byteLength <= partSize) {
          await client.send(
            new PutObjectCommand({ Bucket, Key, Body: body, ContentLength: body.byteLength, ...(options?.ifAbsent ? { IfNoneMatch: '*' } : {}) }),
          );
          return { created: true, size: body.byteLength };
        }
        let size = 0;
        const counted = Readable.from(countBytes(body, (n) => (size += n)));
        const upload = new Upload({
          client,
          params: { Bucket, Key, Body: counted },
          partSize,
          queueSize: config.queueSize ?? 2,
          leavePartsOnError: false,
        });
        await upload.done();
        return { created: true, size };
      } catch (err) {
        const mapped = mapS3Error(err, key);
        if (options?.ifAbsent && mapped.details.httpStatus === 412) {
          const existing = await head(key);
          return { created: false, size: existing?.size ?? 0 };
        }
        throw mapped;
      }
    },
    get: (key) => getBytes(key),
    async getRange(key, offset, length) {
      if (offset < 0 || length < 0) throw new EngineError('INVALID_ARGUMENT', `bad range ${offset}+${length}`, { objectKey: key });
      if (length === 0) {
        const info = await head(key);
        if (!info) throw new EngineError('OBJECT_MISSING', `no object ${key}`, { objectKey: key });
        if (offset > info.size) throw new EngineError('INVALID_ARGUMENT', `range outside ${key}`, { objectKey: key });
        return Buffer.alloc(0);
      }
      const buf = await getBytes(key, `bytes=${offset}-${offset + length - 1}`);
      // S3 truncates ranges that run past the end instead of failing; the port promises exactness.
      if (buf.length !== length) {
        throw new EngineError('INVALID_ARGUMENT', `range ${offset}+${length} outside ${key}`, { objectKey: key });
      }
      return buf;
    },
    head,
    async *list(prefix) {
      let ContinuationToken: string | undefined;
      do {
        let res;
        try {
          res = await client.send(new ListObjectsV2Command({ Bucket, Prefix: base + prefix, ContinuationToken, MaxKeys: config.pageSize ?? 1000 }));
        } catch (err) {
          throw mapS3Error(err, prefix);
        }
        for (const obj of res.Contents ?? []) {
          if (obj.Key) yield { key: obj.Key.slice(base.length), size: obj.Size ?? 0 };
        }
        ContinuationToken = res.IsTruncated ? res.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
    // CopyObject onto itself with the new StorageClass (the bytes stay; the ETag may change). S3
    // accepts a class change with MetadataDirective COPY; servers that call that a no-op copy and
    // refuse it (versitygw: 400 InvalidRequest) get REPLACE (the engine stores no metadata).
    async setStorageClass(key, storageClass) {
      const Key = full(key);
      if (!(await head(key))) throw new EngineError('OBJECT_MISSING', `no object ${key}`, { objectKey: key });
      const StorageClass = storageClass === 'cold' ? (config.coldStorageClass ?? 'STANDARD_IA') : 'STANDARD';
      const copy = (MetadataDirective: 'COPY' | 'REPLACE') =>
        client.send(new CopyObjectCommand({ Bucket, Key, CopySource: `${Bucket}/${encodeURI(Key)}`, StorageClass, MetadataDirective }));
      try {
        await copy('COPY');
      } catch (err) {
        const mapped = mapS3Error(err, key);
        if (mapped.details.httpStatus !== 400) throw mapped;
        try {
          await copy('REPLACE');
        } catch (err2) {
          throw mapS3Error(err2, key);
        }
      }
    },
    storageClassOf: headClass,
    retentionOf,
    async extendRetention(key, retention) {
      if (!(await head(key))) throw new EngineError('OBJECT_MISSING', `no object ${key}`, { objectKey: key });
      const current = await retentionOf(key);
      if (current && current.until >= retention.until) return;
      try {
        await client.send(
          new PutObjectRetentionCommand({
            Bucket,
            Key: full(key),
            Retention: { Mode: retention.mode === 'compliance' ? 'COMPLIANCE' : 'GOVERNANCE', RetainUntilDate: retention.until },
          }),
        );
      } catch (err) {
        throw mapS3Error(err, key);
      }
    },
    async delete(key) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket, Key: full(key) }));
      } catch (err) {
        const mapped = mapS3Error(err, key);
        if (mapped.code !== 'OBJECT_MISSING') throw mapped;
      }
    },
  };
}

async function* countBytes(body: TObjectBody, add: (n: number) => void) {
  if (body instanceof Uint8Array) {
    add(body.byteLength);
    yield body;
    return;
  }
  for await (const chunk of body) {
    add(chunk.byteLength);
    yield chunk;
  }
}
