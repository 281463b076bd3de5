import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';

// The private bucket behind attachments. Keys are made by the server, never taken from a client;
// objects are served through the app's own route after an access check, never by bucket URL.
//
// No call without a deadline (docs/SECURITY.md): every call below runs under an AbortSignal of
// STORAGE_TIMEOUT_MS, reading the body included. The SDK's own requestTimeout only logs a warning
// unless `throwOnRequestTimeout` is set, so both are set; the signal is what the tests rely on.
// Any failure (refused, timed out, 5xx after the SDK's retry) is a StorageUnavailableError (503).

const g = globalThis as unknown as { __s3?: S3Client };

export function getS3(): S3Client {
  if (!g.__s3) {
    const env = getEnv();
    g.__s3 = new S3Client({
      endpoint: env.S3_ENDPOINT,
      region: env.S3_REGION,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
      credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY },
      maxAttempts: 2,
      requestHandler: {
        requestTimeout: env.STORAGE_TIMEOUT_MS,
        connectionTimeout: Math.min(3_000, env.STORAGE_TIMEOUT_MS),
        throwOnRequestTimeout: true,
      },
    });
  }
  return g.__s3;
}

const bucket = () => getEnv().S3_BUCKET;

/** The bucket refused, could not be reached or did not answer in time: 503, nothing was kept. */
export class StorageUnavailableError extends AppError {
  constructor(cause: unknown) {
    super('storage_unavailable', 503, { cause });
    this.name = 'StorageUnavailableError';
  }
}

/** Runs one storage call (and whatever reads its answer) within the deadline. */
async function withDeadline<T>(fn: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
  const signal = AbortSignal.timeout(getEnv().STORAGE_TIMEOUT_MS);
  try {
    // The race makes the deadline hold even where a stream ignores the signal.
    return await Promise.race([
      fn(signal),
      new Promise<never>((_, reject) => {
        if (signal.aborted) reject(signal.reason);
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      }),
    ]);
  } catch (e) {
    throw e instanceof StorageUnavailableError ? e : new StorageUnavailableError(e);
  }
}

export async function putObject(key: string, body: Uint8Array, contentType: string): Promise<void> {
  await withDeadline((abortSignal) =>
    getS3().send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: body, ContentType: contentType }), { abortSignal }),
  );
}

/** The object's response (headers and a body stream; read the body with getObjectBytes for a deadline on it too). */
export async function getObject(key: string) {
  return withDeadline((abortSignal) => getS3().send(new GetObjectCommand({ Bucket: bucket(), Key: key }), { abortSignal }));
}

/** An object's bytes, or null when there is no such object. */
export async function getObjectBytes(key: string): Promise<Uint8Array | null> {
  return withDeadline(async (abortSignal) => {
    try {
      const obj = await getS3().send(new GetObjectCommand({ Bucket: bucket(), Key: key }), { abortSignal });
      return obj.Body ? await obj.Body.transformToByteArray() : null;
    } catch (e) {
      if ((e as { name?: string }).name === 'NoSuchKey') return null;
      throw e;
    }
  });
}

export async function deleteObjects(keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await withDeadline((abortSignal) =>
    getS3().send(
      new DeleteObjectsCommand({ Bucket: bucket(), Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }),
      { abortSignal },
    ),
  );
}

/** Every object under `prefix`, a page (up to 1000) at a time, each call within the deadline. */
export async function* listObjects(prefix: string): AsyncGenerator<{ key: string; lastModified: Date }[]> {
  let token: string | undefined;
  do {
    const page = await withDeadline((abortSignal) =>
      getS3().send(new ListObjectsV2Command({ Bucket: bucket(), Prefix: prefix, ContinuationToken: token }), { abortSignal }),
    );
    yield (page.Contents ?? []).filter((o) => o.Key && o.LastModified).map((o) => ({ key: o.Key!, lastModified: o.LastModified! }));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

export async function storageReachable(): Promise<boolean> {
  try {
    await withDeadline((abortSignal) => getS3().send(new HeadBucketCommand({ Bucket: bucket() }), { abortSignal }));
    return true;
  } catch {
    return false;
  }
}

/** Creates the bucket on first start against a real store (the embedded one is pre-configured). */
export async function ensureBucket(): Promise<void> {
  if (await storageReachable()) return;
  await withDeadline((abortSignal) => getS3().send(new CreateBucketCommand({ Bucket: bucket() }), { abortSignal }));
}
