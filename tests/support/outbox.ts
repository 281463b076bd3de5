import { randomInt } from 'node:crypto';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startWorker } from '@/lib/jobs/worker';
import { drainOutbox } from './drain';
import { fakeResend } from './inspect';

// Browser tests (Playwright, no vitest) import drainOutbox from ./drain directly.
export { drainOutbox };

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

