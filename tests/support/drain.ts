import { sql } from 'drizzle-orm';
import { getDb } from '@/lib/db';
import { QUEUE_EMAIL, QUEUE_WHATSAPP } from '@/lib/jobs/boss';
import { waitFor } from './inspect';

// The outbox drain on its own (no vitest import), so browser tests can count delivered messages
// exactly too; the app server's worker does the delivering there.

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
