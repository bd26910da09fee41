// Run by scripts/services.sh once the S3 server answers: creates S3_BUCKET if it is missing.
import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';

const bucket = process.env.S3_BUCKET ?? 'vaultline';
const s3 = new S3Client({
  endpoint: process.env.S3_ENDPOINT ?? 'http://127.0.0.1:59000',
  region: process.env.S3_REGION ?? 'us-east-1',
  credentials: {
    accessKeyId: process.env.S3_ACCESS_KEY_ID ?? 'vaultline',
    secretAccessKey: process.env.S3_SECRET_ACCESS_KEY ?? 'vaultline-local-secret',
  },
  forcePathStyle: true,
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});

try {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (err) {
    if (err?.$metadata?.httpStatusCode !== 404) throw err;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    console.log(`s3: created bucket ${bucket}`);
  }
} catch (err) {
  console.error(`s3: init failed: ${err?.name ?? 'Error'}: ${err?.message ?? err}`);
  process.exitCode = 1;
}
