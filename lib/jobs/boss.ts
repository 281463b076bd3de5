import PgBoss from 'pg-boss';
import type { Tx } from '@/lib/db';
import { getEnv } from '@/lib/env';

// pg-boss is the outbox: a message is a job inserted in the same transaction as the event that
// causes it, so it exists exactly when the event does, and the worker delivers it with retries.
// Jobs carry ids, not personal data: the worker builds each message from stored rows.

export const QUEUE_EMAIL = 'email';
export const QUEUE_WHATSAPP = 'whatsapp';

export type EmailJob =
  | { kind: 'complaint-submitted'; complaintId: string }
  | { kind: 'officer-reply'; eventId: number }
  | { kind: 'status-changed'; eventId: number }
  | { kind: 'complaint-closed'; eventId: number }
  | { kind: 'feedback-received'; eventId: number }
  | { kind: 'complaint-assigned'; eventId: number; assigneeId: string }
  | { kind: 'lookup-link'; tokenId: string; sealedToken: string; complaintId: string; count: number };

/** A WhatsApp notice to a complainant who agreed to them; the event says what happened. */
export type WhatsAppJob = { kind: 'officer-reply' | 'status-changed' | 'complaint-closed'; eventId: number };

export function retryPolicy(retryDelay: number = getEnv().JOB_RETRY_DELAY_SECONDS) {
  return { retryLimit: 10, retryDelay, retryBackoff: true, retryDelayMax: 3600 };
}

/** Creates pg-boss's schema and our queues; run on start, before the web server takes requests. */
export async function prepareJobs(databaseUrl: string, retryDelaySeconds = 5): Promise<void> {
  const boss = new PgBoss({ connectionString: databaseUrl, max: 1, supervise: false, schedule: false });
  boss.on('error', () => {});
  await boss.start();
  await boss.createQueue(QUEUE_EMAIL, { name: QUEUE_EMAIL, ...retryPolicy(retryDelaySeconds) });
  await boss.createQueue(QUEUE_WHATSAPP, { name: QUEUE_WHATSAPP, ...retryPolicy(retryDelaySeconds) });
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

async function enqueue(tx: Tx, queue: string, job: object): Promise<string | null> {
  sender ??= new PgBoss({ connectionString: 'postgres://unused', supervise: false, schedule: false });
  // drizzle's postgres.js transaction keeps the postgres.js transaction client on its session.
  const client = (tx as unknown as { session: { client: { unsafe: (q: string, v: unknown[]) => Promise<unknown[]> } } })
    .session.client;
  const db = {
    executeSql: async (text: string, values: unknown[]) => ({
      rows: await client.unsafe(
        text,
        values.map((v) => (v === undefined ? null : v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v)),
      ),
    }),
  };
  return sender.send(queue, job, { ...retryPolicy(), db });
}
