import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getEnv } from '@/lib/env';

// The private bucket behind attachments. Keys are made by the server, never taken from a client;
// objects are served through the app's own route after an access check, never by bucket URL.

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
      requestHandler: { requestTimeout: 15_000, connectionTimeout: 3_000 },
    });
  }
  return g.__s3;
}

const bucket = () => getEnv().S3_BUCKET;

export async function putObject(key: string, body: Uint8Array, contentType: string): Promise<void> {
  await getS3().send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: body, ContentType: contentType }));
}

export async function getObject(key: string) {
  return getS3().send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
}

export async function deleteObjects(keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await getS3().send(
    new DeleteObjectsCommand({ Bucket: bucket(), Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }),
  );
}

export async function storageReachable(): Promise<boolean> {
  try {
    await getS3().send(new HeadBucketCommand({ Bucket: bucket() }));
    return true;
  } catch {
    return false;
  }
}

/** Creates the bucket on first start against a real store (the embedded one is pre-configured). */
export async function ensureBucket(): Promise<void> {
  if (await storageReachable()) return;
  await getS3().send(new CreateBucketCommand({ Bucket: bucket() }));
}
