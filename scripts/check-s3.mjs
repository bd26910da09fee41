#!/usr/bin/env node
// Checks that the S3-compatible server at S3_ENDPOINT does what Vaultline needs from S3.
// Run: `source scripts/env.sh && node scripts/check-s3.mjs` (services.sh runs it after start).
// Prints one line per check and exits 1 if any failed. It works under a unique key prefix in
// S3_BUCKET (which must exist) and deletes what it wrote.
//
// Env: S3_ENDPOINT, S3_REGION, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY (from env.sh);
// S3_CHECK_AUTH=0 skips the "wrong secret is refused" check (for servers without auth).
import { createHash, randomBytes } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

const env = (name, fallback) => process.env[name] ?? fallback;
const bucket = env('S3_BUCKET', 'vaultline');

function makeClient(secret = env('S3_SECRET_ACCESS_KEY', 'vaultline-local-secret')) {
  return new S3Client({
    endpoint: env('S3_ENDPOINT', 'http://127.0.0.1:59000'),
    region: env('S3_REGION', 'us-east-1'),
    credentials: { accessKeyId: env('S3_ACCESS_KEY_ID', 'vaultline'), secretAccessKey: secret },
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
  });
}

const s3 = makeClient();
const prefix = `_vaultline-check/${Date.now()}-${randomBytes(4).toString('hex')}/`;
const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');
const bodyBytes = async (res) => Buffer.from(await res.Body.transformToByteArray());

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

const results = [];
async function check(name, fn) {
  const t0 = performance.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok    ${name} (${Math.round(performance.now() - t0)} ms)`);
  } catch (err) {
    results.push({ name, ok: false });
    console.log(`FAIL  ${name}: ${err?.name ?? 'Error'}: ${err?.message ?? err}`);
  }
}

const small = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz');
const smallKey = `${prefix}small.txt`;

await check(`bucket ${bucket} exists`, async () => {
  await s3.send(new HeadBucketCommand({ Bucket: bucket }));
});

await check('put + get round trip', async () => {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: smallKey, Body: small, ContentType: 'text/plain' }));
  const got = await bodyBytes(await s3.send(new GetObjectCommand({ Bucket: bucket, Key: smallKey })));
  assert(got.equals(small), `body differs: ${got.toString()}`);
});

await check('head object (size, metadata)', async () => {
  const h = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: smallKey }));
  assert(h.ContentLength === small.length, `ContentLength ${h.ContentLength} != ${small.length}`);
});

await check('ranged get bytes=10-19', async () => {
  const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: smallKey, Range: 'bytes=10-19' }));
  const got = await bodyBytes(res);
  assert(got.equals(small.subarray(10, 20)), `got "${got}"`);
  assert(res.ContentRange === `bytes 10-19/${small.length}`, `Content-Range ${res.ContentRange}`);
});

await check('ranged get suffix bytes=-10', async () => {
  const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: smallKey, Range: 'bytes=-10' }));
  const got = await bodyBytes(res);
  assert(got.equals(small.subarray(small.length - 10)), `got "${got}"`);
});

await check('ranged get open end bytes=30-', async () => {
  const got = await bodyBytes(await s3.send(new GetObjectCommand({ Bucket: bucket, Key: smallKey, Range: 'bytes=30-' })));
  assert(got.equals(small.subarray(30)), `got "${got}"`);
});

const listKeys = [1, 2, 3, 4, 5].map((i) => `${prefix}list/obj-${i}`);
await check('list with pagination (MaxKeys 2 over 5 objects)', async () => {
  for (const key of listKeys) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from(key) }));
  }
  const seen = [];
  let token;
  let pages = 0;
  do {
    const res = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}list/`, MaxKeys: 2, ContinuationToken: token }));
    pages += 1;
    assert((res.Contents ?? []).length <= 2, `page had ${(res.Contents ?? []).length} keys`);
    seen.push(...(res.Contents ?? []).map((o) => o.Key));
    token = res.IsTruncated ? res.NextContinuationToken : undefined;
    assert(pages < 10, 'pagination does not end');
  } while (token);
  assert(pages === 3, `expected 3 pages, got ${pages}`);
  assert(JSON.stringify(seen) === JSON.stringify(listKeys), `keys: ${seen.join(',')}`);
});

await check('list with delimiter (common prefixes)', async () => {
  const res = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: '/' }));
  const prefixes = (res.CommonPrefixes ?? []).map((p) => p.Prefix);
  const keys = (res.Contents ?? []).map((o) => o.Key);
  assert(prefixes.includes(`${prefix}list/`), `CommonPrefixes: ${prefixes.join(',')}`);
  assert(keys.includes(smallKey) && keys.length === 1, `Contents: ${keys.join(',')}`);
});

await check('copy object', async () => {
  await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: `${prefix}copy.txt`, CopySource: `${bucket}/${smallKey}` }));
  const got = await bodyBytes(await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `${prefix}copy.txt` })));
  assert(got.equals(small), 'copy differs');
});

const bigKey = `${prefix}multipart.bin`;
const big = randomBytes(12 * 1024 * 1024 + 12345);
await check('multipart upload of ~12 MiB (lib-storage Upload, 5 MiB parts)', async () => {
  const upload = new Upload({
    client: s3,
    params: { Bucket: bucket, Key: bigKey, Body: big },
    partSize: 5 * 1024 * 1024,
    queueSize: 2,
  });
  const res = await upload.done();
  assert(/-3"?$/.test(res.ETag ?? ''), `ETag ${res.ETag} does not look like a 3-part multipart ETag`);
  const got = await bodyBytes(await s3.send(new GetObjectCommand({ Bucket: bucket, Key: bigKey })));
  assert(got.length === big.length, `length ${got.length} != ${big.length}`);
  assert(sha256(got) === sha256(big), 'sha256 differs');
});

await check('ranged get across a multipart part boundary', async () => {
  const from = 5 * 1024 * 1024 - 100;
  const to = 5 * 1024 * 1024 + 99;
  const got = await bodyBytes(await s3.send(new GetObjectCommand({ Bucket: bucket, Key: bigKey, Range: `bytes=${from}-${to}` })));
  assert(got.equals(big.subarray(from, to + 1)), 'range differs');
});

await check('abort multipart upload', async () => {
  const key = `${prefix}aborted.bin`;
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
  await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 1, Body: randomBytes(1024) }));
  await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId }));
  const res = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: key }));
  assert((res.Uploads ?? []).length === 0, `uploads still listed: ${(res.Uploads ?? []).length}`);
});

await check('delete objects, then they are gone', async () => {
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: smallKey }));
  const rest = [...listKeys, `${prefix}copy.txt`, bigKey].map((Key) => ({ Key }));
  const res = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: rest } }));
  assert((res.Errors ?? []).length === 0, `DeleteObjects errors: ${JSON.stringify(res.Errors)}`);
  let status;
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: smallKey }));
  } catch (err) {
    status = err?.$metadata?.httpStatusCode;
  }
  assert(status === 404, `HEAD after delete returned ${status ?? 200}`);
  const list = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  assert((list.Contents ?? []).length === 0, `left over: ${(list.Contents ?? []).map((o) => o.Key).join(',')}`);
});

if (env('S3_CHECK_AUTH', '1') !== '0') {
  await check('a wrong secret is refused (403)', async () => {
    let status;
    try {
      await makeClient('not-the-secret').send(new HeadBucketCommand({ Bucket: bucket }));
    } catch (err) {
      status = err?.$metadata?.httpStatusCode;
    }
    assert(status === 403, `expected 403, got ${status ?? 200}`);
  });
}

const failed = results.filter((r) => !r.ok);
console.log(
  failed.length
    ? `S3 check FAILED: ${failed.length} of ${results.length} checks failed (${failed.map((r) => r.name).join('; ')})`
    : `S3 check ok: all ${results.length} checks passed`,
);
process.exit(failed.length ? 1 : 0);
