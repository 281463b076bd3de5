import { randomInt } from 'node:crypto';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDb } from '@/lib/db';
import { QUEUE_EMAIL, QUEUE_WHATSAPP } from '@/lib/jobs/boss';
import { startWorker } from '@/lib/jobs/worker';
import { fakeResend, waitFor } from './inspect';

/**
 * For a test file that sends email: runs the outbox worker for the file, delivers whatever earlier
 * files left queued before its first test, empties the fake Resend inbox before each test, and
 * delivers everything the file queued before it ends, so the inbox holds only this file's emails.
 */
export function withOutboxWorker(): void {
  let worker: PgBoss;
  beforeAll(async () => {
    worker = await startWorker();
    await drainOutbox();
  }, 120_000);
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

/**
 * Waits until every job of the outbox queues has reached a final state (completed, failed or
 * cancelled): nothing created, waiting for a retry (whatever its delay) or running. The worker
 * completes a job only after the provider's answer, so by then the fake servers have recorded
 * every message it will ever send: count them exactly. Needs a running worker.
 */
export async function drainOutbox(timeoutMs = 110_000): Promise<void> {
  const pending = async () =>
    (
      await getDb().execute<{ name: string; state: string; n: string }>(
        // pg-boss's job_state enum is ordered: created < retry < active < completed < cancelled < failed.
        sql`select name, state, count(*) as n from pgboss.job
            where name in (${QUEUE_EMAIL}, ${QUEUE_WHATSAPP}) and state < 'completed' group by name, state`,
      )
    ).map((r) => `${r.n} ${r.name} ${r.state}`);
  try {
    await waitFor(async () => (await pending()).length === 0, timeoutMs);
  } catch {
    throw new Error(`the outbox did not drain in ${timeoutMs} ms; still pending: ${(await pending()).join(', ')}`);
  }
}
