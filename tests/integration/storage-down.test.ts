import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { submitComplaint, type IncomingFile } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { attachments, complaints } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { startWorker } from '@/lib/jobs/worker';
import { getS3 } from '@/lib/storage';
import { solvedAltcha } from '../support/captcha';
import { pdfBytes, pngBytes, validFields } from '../support/fixtures';
import { counts, waitFor } from '../support/inspect';
import { startFlakyProxy } from '../support/flaky-proxy';

// When the object store fails, a submission is refused as `storage_unavailable` and leaves
// nothing behind: no row, no object (objects already uploaded are removed), no job, no email.

const g = globalThis as unknown as { __s3?: S3Client };

let ipSeq = 0;
const nextIp = () => `192.0.2.${++ipSeq}`;

const s3ClientAt = (endpoint: string) =>
  new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    maxAttempts: 1,
  });

/** Runs `fn` with the app's cached S3 client replaced by `client`; always puts the original back. */
async function withS3Client<T>(client: S3Client, fn: () => Promise<T>): Promise<T> {
  const original = getS3(); // make sure the real client exists and is cached
  g.__s3 = client;
  try {
    return await fn();
  } finally {
    g.__s3 = original;
    client.destroy();
  }
}

async function objectKeys(): Promise<string[]> {
  // Always through the real client, never the broken one.
  const out = await getS3().send(new ListObjectsV2Command({ Bucket: getEnv().S3_BUCKET }));
  return (out.Contents ?? []).map((o) => o.Key!).sort();
}

async function files(n: number): Promise<IncomingFile[]> {
  const all: IncomingFile[] = [
    { name: 'skrin-1.png', bytes: await pngBytes(41, 30) },
    { name: 'surat.pdf', bytes: pdfBytes() },
    { name: 'skrin-2.png', bytes: await pngBytes(42, 30) },
  ];
  return all.slice(0, n);
}

// Deliver the email job of the successful submission before the next file starts.
afterAll(async () => {
  const pending = async () =>
    Number(
      (
        await getDb().execute<{ n: string }>(
          sql`select count(*) as n from pgboss.job where name = 'email' and state in ('created', 'retry', 'active')`,
        )
      )[0].n,
    );
  if ((await pending()) === 0) return;
  const worker = await startWorker();
  try {
    await waitFor(async () => (await pending()) === 0, 30_000).catch(() => undefined);
  } finally {
    await worker.stop({ graceful: true, wait: true });
  }
}, 60_000);

describe('object store failures', () => {
  it('refuses the submission when the store is unreachable, leaving nothing behind', async () => {
    const before = await counts();
    const keysBefore = await objectKeys();
    const result = await withS3Client(s3ClientAt('http://127.0.0.1:9' /* closed port */), async () =>
      submitComplaint(getDb(), { fields: validFields(), files: await files(2), captchaToken: await solvedAltcha(), ip: nextIp() }),
    );
    expect(result).toEqual({ ok: false, reason: 'storage_unavailable' });
    expect(await counts()).toEqual(before);
    expect(await objectKeys()).toEqual(keysBefore);
  });

  it('removes what it had uploaded when the store fails mid-way', async () => {
    const before = await counts();
    const keysBefore = await objectKeys();
    let puts = 0;
    const seen: string[] = [];
    const proxy = await startFlakyProxy(process.env.S3_ENDPOINT!, (req) => {
      seen.push(`${req.method} ${req.url}`);
      return req.method === 'PUT' && ++puts === 2;
    });
    try {
      const fields = validFields();
      const result = await withS3Client(s3ClientAt(proxy.url), async () =>
        submitComplaint(getDb(), { fields, files: await files(3), captchaToken: await solvedAltcha(), ip: nextIp() }),
      );
      expect(result).toEqual({ ok: false, reason: 'storage_unavailable' });

      // The first upload did reach the store, the second was refused, the third never tried...
      expect(puts).toBe(2);
      // ...and the first one was deleted again.
      expect(seen.some((r) => r.startsWith('POST ') && r.includes('delete'))).toBe(true);
      expect(await objectKeys()).toEqual(keysBefore);
      expect(await counts()).toEqual(before);
      const rows = await getDb().select().from(complaints).where(eq(complaints.submissionKey, fields.submissionKey));
      expect(rows).toHaveLength(0);
    } finally {
      await proxy.close();
    }
  });

  it('accepts a normal submission afterwards: the failures left no poisoned state', async () => {
    expect(g.__s3).toBe(getS3());
    const before = await counts();
    const result = await submitComplaint(getDb(), {
      fields: validFields(),
      files: await files(3),
      captchaToken: await solvedAltcha(),
      ip: nextIp(),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.duplicate).toBe(false);
    const after = await counts();
    expect(after.complaints - before.complaints).toBe(1);
    expect(after.events - before.events).toBe(1);
    expect(after.attachments - before.attachments).toBe(3);
    expect(after.objects - before.objects).toBe(3);
    expect(after.jobs - before.jobs).toBe(1);
    const [row] = await getDb().select().from(complaints).where(eq(complaints.number, result.number));
    const stored = await getDb().select().from(attachments).where(eq(attachments.complaintId, row.id));
    const keys = await objectKeys();
    expect(stored.every((a) => keys.includes(a.objectKey))).toBe(true);
  });
});
