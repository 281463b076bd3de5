import PgBoss from 'pg-boss';
import type { Tx } from '@/lib/db';
import type { ComplaintStatus } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { transactionSql } from './transaction-sql';

// pg-boss is the outbox: a message is a job inserted in the same transaction as the event that
// causes it, so it exists exactly when the event does, and the worker delivers it with retries.
// Jobs carry ids and the facts the service decided, never personal data: the worker builds each
// message from stored rows plus those facts.

export const QUEUE_EMAIL = 'email';
export const QUEUE_WHATSAPP = 'whatsapp';
/** Due times of open complaints computed again after the working calendar changed (lib/sla/recompute.ts). */
export const QUEUE_SLA_RECOMPUTE = 'sla-recompute';

/**
 * A notice to the complainant about one event. Besides the event (whose own row holds the status
 * move), a reply carries the status the service left the complaint in: the builder never reads it
 * back from the complaint's current row, which may have moved on by delivery time.
 */
export type ComplaintNoticeJob =
  | { kind: 'officer-reply'; eventId: number; status: ComplaintStatus }
  | { kind: 'status-changed'; eventId: number }
  | { kind: 'complaint-closed'; eventId: number };

export type EmailJob =
  | ComplaintNoticeJob
  | { kind: 'complaint-submitted'; complaintId: string }
  /** What the feedback service decided: whether this feedback closed or reopened the complaint. */
  | { kind: 'feedback-received'; eventId: number; closed: boolean; reopened: boolean }
  | { kind: 'complaint-assigned'; eventId: number; assigneeId: string }
  /** A new complaint the category's assignment mode gave to `assigneeId` (its `assignment` event). */
  | { kind: 'new-complaint-assigned'; complaintId: string; eventId: number; assigneeId: string }
  /**
   * A new complaint left for its category's officers to take: who is told was decided at filing
   * (manual mode, or nobody eligible for automatic assignment, then possibly the supervisors).
   */
  | { kind: 'new-complaint-for-category'; complaintId: string; officerIds: string[]; reason: 'manual' | 'nobody_eligible' }
  | { kind: 'lookup-link'; tokenId: string; sealedToken: string; complaintId: string; count: number };

/** A WhatsApp notice to a complainant who agreed to them; the event says what happened. */
export type WhatsAppJob = { kind: ComplaintNoticeJob['kind']; eventId: number };

/** Recompute the due times of every open complaint (the holidays, weekend or hours changed). */
export type SlaRecomputeJob = { scope: 'open' };

function retryPolicy(retryDelay: number = getEnv().JOB_RETRY_DELAY_SECONDS) {
  return { retryLimit: 10, retryDelay, retryBackoff: true, retryDelayMax: 3600 };
}

/** Creates pg-boss's schema and our queues; run on start, before the web server takes requests. */
export async function prepareJobs(databaseUrl: string, retryDelaySeconds = 5): Promise<void> {
  const boss = new PgBoss({ connectionString: databaseUrl, max: 1, supervise: false, schedule: false });
  boss.on('error', () => {});
  await boss.start();
  await boss.createQueue(QUEUE_EMAIL, { name: QUEUE_EMAIL, ...retryPolicy(retryDelaySeconds) });
  await boss.createQueue(QUEUE_WHATSAPP, { name: QUEUE_WHATSAPP, ...retryPolicy(retryDelaySeconds) });
  // 'stately': at most one job waiting (and one running). A change while one waits adds nothing:
  // the waiting job reads the calendar when it runs, so it already includes the newer change.
  await boss.createQueue(QUEUE_SLA_RECOMPUTE, { name: QUEUE_SLA_RECOMPUTE, policy: 'stately', ...retryPolicy(retryDelaySeconds) });
  await boss.stop({ graceful: false, wait: true });
}

// Only builds insert statements (never started), so it holds no connections of its own.
let sender: PgBoss | undefined;

/** Inserts an email job inside the caller's drizzle transaction, through pg-boss's `db` option. */
export async function enqueueEmail(tx: Tx, job: EmailJob): Promise<string | null> {
  return enqueue(tx, QUEUE_EMAIL, job);
}

/** Inserts a WhatsApp job inside the caller's transaction. Callers decide consent and configuration. */
export async function enqueueWhatsApp(tx: Tx, job: WhatsAppJob): Promise<string | null> {
  return enqueue(tx, QUEUE_WHATSAPP, job);
}

/** Inserts the "recompute open complaints' due times" job inside the caller's transaction (once while one waits). */
export async function enqueueSlaRecompute(tx: Tx): Promise<string | null> {
  const job: SlaRecomputeJob = { scope: 'open' };
  return enqueue(tx, QUEUE_SLA_RECOMPUTE, job);
}

async function enqueue(tx: Tx, queue: string, job: object): Promise<string | null> {
  sender ??= new PgBoss({ connectionString: 'postgres://unused', supervise: false, schedule: false });
  return sender.send(queue, job, { ...retryPolicy(), db: transactionSql(tx) });
}
