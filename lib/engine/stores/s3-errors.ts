import { EngineError } from '../errors/engine-error';

type TAwsLikeError = {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
};

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH']);
const TRANSIENT_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'ServiceUnavailable',
  'InternalError',
]);

/** Maps SDK failures onto the port's codes; only STORE_UNAVAILABLE is retried by the decorator. */
export function mapS3Error(err: unknown, key: string): EngineError {
  if (err instanceof EngineError) return err;
  const e = (err ?? {}) as TAwsLikeError;
  const status = e.$metadata?.httpStatusCode;
  const details = { objectKey: key, httpStatus: status, awsName: e.name };
  if (e.name === 'NoSuchKey' || e.name === 'NotFound' || status === 404) {
    return new EngineError('OBJECT_MISSING', `no object ${key}`, details, { cause: err });
  }
  if (e.name === 'InvalidRange' || status === 416) {
    return new EngineError('INVALID_ARGUMENT', `range outside ${key}`, details, { cause: err });
  }
  const transient =
    (status !== undefined && (status >= 500 || status === 429)) ||
    TRANSIENT_NAMES.has(e.name ?? '') ||
    NETWORK_CODES.has(e.code ?? '') ||
    e.$retryable !== undefined;
  return new EngineError(
    transient ? 'STORE_UNAVAILABLE' : 'STORE_ERROR',
    `s3 ${e.name ?? 'error'} on ${key}: ${String((err as Error)?.message ?? err)}`,
    details,
    {
      cause: err,
    },
  );
}
