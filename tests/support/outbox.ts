import { randomInt } from 'node:crypto';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDb } from '@/lib/db';
import { startWorker } from '@/lib/jobs/worker';
import { fakeResend, waitFor } from './inspect';

/**
 * For a test file that sends email: runs the outbox worker for the file, empties the fake Resend
 * inbox before each test, and delivers everything the file queued before it ends, so none of its
 * emails reaches the next file's inbox.
 */
export function withOutboxWorker(): void {
  let worker: PgBoss;
  beforeAll(async () => {
    worker = await startWorker();
  });
  afterAll(async () => {
    await drainOutbox();
    await worker.stop({ graceful: true, wait: true });
  }, 120_000);
  beforeEach(async () => {
    await fakeResend().reset();
  });
}

/** A fresh client address per call from the file's own range, so per-IP limits refuse only where meant. */
export function ipSequence(range: string): () => string {
  let n = 0;
  return () => {
    n += 1;
    return `${range}.${Math.floor(n / 250)}.${(n % 250) + 1}`;
  };
}

/** A valid, random MyKad number (12 digits), so tests never share an IC with other files. */
export function newIc(): string {
  const yy = String(randomInt(60, 100)).padStart(2, '0');
  const mm = String(randomInt(1, 13)).padStart(2, '0');
  const dd = String(randomInt(1, 29)).padStart(2, '0');
  const place = String(randomInt(1, 15)).padStart(2, '0');
  const last4 = String(randomInt(0, 10_000)).padStart(4, '0');
  return `${yy}${mm}${dd}${place}${last4}`;
}

export const dashedIc = (ic: string) => `${ic.slice(0, 6)}-${ic.slice(6, 8)}-${ic.slice(8)}`;

/** Waits until the outbox queues hold nothing waiting or running. */
export async function drainOutbox(timeoutMs = 110_000): Promise<void> {
  await waitFor(async () => {
    const [r] = await getDb().execute<{ n: string }>(
      sql`select count(*) as n from pgboss.job where name in ('email', 'whatsapp') and state in ('created', 'retry', 'active')`,
    );
    return Number(r.n) === 0;
  }, timeoutMs);
}
