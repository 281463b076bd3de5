import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { sql } from 'drizzle-orm';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { getS3 } from '@/lib/storage';
import { fakeResendClient } from './fake-resend';

// Read-only views of the real services, to assert what a submission left behind.

export async function counts() {
  const db = getDb();
  const one = async (q: ReturnType<typeof sql>) => Number((await db.execute<{ n: string }>(q))[0].n);
  const objects = await getS3().send(new ListObjectsV2Command({ Bucket: getEnv().S3_BUCKET }));
  return {
    complaints: await one(sql`select count(*) as n from complaints`),
    events: await one(sql`select count(*) as n from complaint_events`),
    attachments: await one(sql`select count(*) as n from attachments`),
    jobs: await one(sql`select count(*) as n from pgboss.job where name = 'email'`),
    objects: objects.KeyCount ?? 0,
    emails: (await fakeResend().emails()).attempts,
  };
}

export const fakeResend = () => fakeResendClient(getEnv().RESEND_BASE_URL!);

export async function waitFor<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('timed out waiting for condition');
}
